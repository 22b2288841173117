from .initialize import initialize, InitializeArgs, InitializeAccounts
from .update_config import update_config, UpdateConfigArgs, UpdateConfigAccounts
from .apply_config import apply_config, ApplyConfigAccounts
from .propose_admin import propose_admin, ProposeAdminArgs, ProposeAdminAccounts
from .accept_admin import accept_admin, AcceptAdminAccounts
from .set_paused import set_paused, SetPausedArgs, SetPausedAccounts
from .register_node import register_node, RegisterNodeArgs, RegisterNodeAccounts
from .stake import stake, StakeArgs, StakeAccounts
from .costake import costake, CostakeArgs, CostakeAccounts
from .request_unstake import request_unstake, RequestUnstakeArgs, RequestUnstakeAccounts
from .start_cooldown import start_cooldown, StartCooldownAccounts
from .cancel_unstake import cancel_unstake, CancelUnstakeAccounts
from .withdraw import withdraw, WithdrawAccounts
from .post_reward_root import (
    post_reward_root,
    PostRewardRootArgs,
    PostRewardRootAccounts,
)
from .claim_node_rewards import (
    claim_node_rewards,
    ClaimNodeRewardsArgs,
    ClaimNodeRewardsAccounts,
)
from .claim_rewards import claim_rewards, ClaimRewardsAccounts
from .slash import slash, SlashArgs, SlashAccounts
from .jail import jail, JailArgs, JailAccounts
from .unjail import unjail, UnjailAccounts
from .close_position import close_position, ClosePositionAccounts
from .close_node import close_node, CloseNodeAccounts
from .reopen_node import reopen_node, ReopenNodeArgs, ReopenNodeAccounts
from .clear_worthless import clear_worthless, ClearWorthlessAccounts
