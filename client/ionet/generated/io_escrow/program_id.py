from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("5c1W3Tzm96iTxmgFhW9br22MmrP56ZFgnBMpJLf7JFPj")
