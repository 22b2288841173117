from solders.pubkey import Pubkey

PROGRAM_ID = Pubkey.from_string("9twLJiSjTemoaP1Y4JmA8chRTmmK6cjug8TBYxUfagzc")
