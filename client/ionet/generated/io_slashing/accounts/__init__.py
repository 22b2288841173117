from .slashing_config import SlashingConfig, SlashingConfigJSON
