from .initialize import initialize, InitializeArgs, InitializeAccounts
from .update_config import update_config, UpdateConfigArgs, UpdateConfigAccounts
from .propose_admin import propose_admin, ProposeAdminArgs, ProposeAdminAccounts
from .accept_admin import accept_admin, AcceptAdminAccounts
from .set_paused import set_paused, SetPausedArgs, SetPausedAccounts
from .set_reporter import set_reporter, SetReporterArgs, SetReporterAccounts
from .propose_slash import propose_slash, ProposeSlashArgs, ProposeSlashAccounts
from .dispute import dispute, DisputeArgs, DisputeAccounts
from .resolve import resolve, ResolveArgs, ResolveAccounts
from .cancel import cancel, CancelAccounts
from .execute_slash import execute_slash, ExecuteSlashAccounts
