import typing
from . import init_params
from .init_params import InitParams, InitParamsJSON
from . import config_params
from .config_params import ConfigParams, ConfigParamsJSON
from . import settle_entry
from .settle_entry import SettleEntry, SettleEntryJSON
