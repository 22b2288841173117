from .initialize import initialize, InitializeArgs, InitializeAccounts
from .update_config import update_config, UpdateConfigArgs, UpdateConfigAccounts
from .propose_admin import propose_admin, ProposeAdminArgs, ProposeAdminAccounts
from .accept_admin import accept_admin, AcceptAdminAccounts
from .set_paused import set_paused, SetPausedArgs, SetPausedAccounts
from .propose_fees import propose_fees, ProposeFeesArgs, ProposeFeesAccounts
from .enable_mint import enable_mint, EnableMintAccounts
from .open_escrow import open_escrow, OpenEscrowArgs, OpenEscrowAccounts
from .top_up import top_up, TopUpArgs, TopUpAccounts
from .extend import extend, ExtendArgs, ExtendAccounts
from .settle import settle, SettleArgs, SettleAccounts
from .settle_batch import settle_batch, SettleBatchArgs, SettleBatchAccounts
from .close_escrow import close_escrow, CloseEscrowArgs, CloseEscrowAccounts
from .refund_expired import refund_expired, RefundExpiredAccounts
from .refund_ineligible import refund_ineligible, RefundIneligibleAccounts
from .sweep_fees import sweep_fees, SweepFeesAccounts
