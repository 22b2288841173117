from .slashing_config import SlashingConfig, SlashingConfigJSON
from .node_record import NodeRecord, NodeRecordJSON
from .slash_proposal import SlashProposal, SlashProposalJSON
