from .staking_config import StakingConfig, StakingConfigJSON
from .node import Node, NodeJSON
