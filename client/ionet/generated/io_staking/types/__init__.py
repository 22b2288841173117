import typing
from . import config_params
from .config_params import ConfigParams, ConfigParamsJSON
from . import pool
from .pool import Pool, PoolJSON
