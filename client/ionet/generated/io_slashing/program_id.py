from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("3RNJEwzkbRsm8MDJp7gfUwn8wpoB3iSLJy5yYFF3SBhS")
