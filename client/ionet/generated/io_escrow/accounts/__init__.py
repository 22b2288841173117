from .escrow_config import EscrowConfig, EscrowConfigJSON
