import typing
from . import slashing_params
from .slashing_params import SlashingParams, SlashingParamsJSON
from . import offense_policy
from .offense_policy import OffensePolicy, OffensePolicyJSON
from . import window_entry
from .window_entry import WindowEntry, WindowEntryJSON
