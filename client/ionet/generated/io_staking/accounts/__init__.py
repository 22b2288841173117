from .staking_config import StakingConfig, StakingConfigJSON
from .reward_state import RewardState, RewardStateJSON
from .node import Node, NodeJSON
from .stake_position import StakePosition, StakePositionJSON
