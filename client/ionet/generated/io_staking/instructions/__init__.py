from .initialize import initialize, InitializeArgs, InitializeAccounts
from .register_node import register_node, RegisterNodeArgs, RegisterNodeAccounts
