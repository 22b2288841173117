from .escrow_config import EscrowConfig, EscrowConfigJSON
from .payment_mint import PaymentMint, PaymentMintJSON
from .escrow import Escrow, EscrowJSON
