/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/io_escrow.json`.
 */
export type IoEscrow = {
  "address": "5c1W3Tzm96iTxmgFhW9br22MmrP56ZFgnBMpJLf7JFPj",
  "metadata": {
    "name": "ioEscrow",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Compute-credit escrow that a coordinator settles."
  },
  "instructions": [
    {
      "name": "initialize",
      "docs": [
        "Creates the config. Only the program's upgrade authority may call it, once."
      ],
      "discriminator": [
        175,
        175,
        109,
        31,
        13,
        152,
        155,
        237
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "authority",
          "docs": [
            "The program's upgrade authority; pays the rent"
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "programData",
          "docs": [
            "This program's ProgramData account, which names the upgrade authority"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "admin",
          "type": "pubkey"
        },
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "initParams"
            }
          }
        }
      ]
    },
    {
      "name": "updateConfig",
      "docs": [
        "The admin replaces the coordinator, the treasury and the refund grace (for escrows opened from now on). A new coordinator takes effect at once."
      ],
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "configParams"
            }
          }
        }
      ]
    },
    {
      "name": "proposeAdmin",
      "docs": [
        "First step of an admin rotation."
      ],
      "discriminator": [
        121,
        214,
        199,
        212,
        87,
        39,
        117,
        234
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "newAdmin",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "acceptAdmin",
      "docs": [
        "Second step of an admin rotation, signed by the proposed admin."
      ],
      "discriminator": [
        112,
        42,
        45,
        90,
        116,
        181,
        13,
        170
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "pendingAdmin",
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "setPaused",
      "docs": [
        "The admin pauses or resumes opening, topping up and settling. Closing and refunds always work."
      ],
      "discriminator": [
        91,
        60,
        125,
        192,
        176,
        225,
        166,
        218
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "proposeFees",
      "docs": [
        "The admin proposes new fees (each at most MAX_FEE_BPS); they apply to escrows opened fee_delay_secs later or after, never to open ones."
      ],
      "discriminator": [
        70,
        58,
        218,
        219,
        33,
        84,
        215,
        198
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "customerFeeBps",
          "type": "u16"
        },
        {
          "name": "supplierFeeBps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "enableMint",
      "docs": [
        "The admin accepts a payment mint (SPL Token, or Token-2022 without extensions that change what a transfer does) and creates its pooled vault."
      ],
      "discriminator": [
        95,
        23,
        50,
        0,
        6,
        186,
        80,
        132
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint], token account created here, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint (SPL Token or Token-2022 with only harmless extensions; a freeze authority, as USDC has, is accepted)"
          ],
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "admin",
          "docs": [
            "The admin; pays the rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": []
    },
    {
      "name": "openEscrow",
      "docs": [
        "The customer deposits `amount` for one eligible io_staking node; the customer fee is taken from it at the config's current rate, and the node owner's payout account is bound."
      ],
      "discriminator": [
        82,
        178,
        155,
        253,
        74,
        41,
        161,
        219
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "docs": [
            "PDA [\"escrow\", customer, job_id], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119
                ]
              },
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "arg",
                "path": "jobId"
              }
            ]
          }
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (owner: config.staking_program)"
          ]
        },
        {
          "name": "node",
          "docs": [
            "The io_staking node (owner: config.staking_program)"
          ],
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "payout",
          "docs": [
            "The node owner's token account of the mint, bound for every settlement"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "node.owner"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          },
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customer",
          "docs": [
            "The customer; pays the deposit and the rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customerToken",
          "docs": [
            "The customer's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "jobId",
          "type": "u64"
        },
        {
          "name": "amount",
          "type": "u64"
        },
        {
          "name": "ratePerSecond",
          "type": "u64"
        },
        {
          "name": "minCharge",
          "type": "u64"
        },
        {
          "name": "expiresAt",
          "type": "i64"
        }
      ]
    },
    {
      "name": "topUp",
      "docs": [
        "The customer adds `amount` (less the customer fee at the escrow's own rate)."
      ],
      "discriminator": [
        236,
        225,
        96,
        9,
        60,
        106,
        77,
        208
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "customer",
          "signer": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customerToken",
          "docs": [
            "The customer's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "extend",
      "docs": [
        "The customer moves the expiry later."
      ],
      "discriminator": [
        228,
        127,
        0,
        1,
        227,
        154,
        54,
        168
      ],
      "accounts": [
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "customer",
          "signer": true,
          "relations": [
            "escrow"
          ]
        }
      ],
      "args": [
        {
          "name": "expiresAt",
          "type": "i64"
        }
      ]
    },
    {
      "name": "settle",
      "docs": [
        "The coordinator pays the supplier `amount` less the supplier fee; `seq` must be the escrow's next sequence number, and the total settled stays within min_charge + rate x time."
      ],
      "discriminator": [
        175,
        42,
        185,
        87,
        144,
        131,
        102,
        212
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "coordinator",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "payout",
          "docs": [
            "escrow.payout"
          ],
          "writable": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        },
        {
          "name": "seq",
          "type": "u64"
        }
      ]
    },
    {
      "name": "settleBatch",
      "docs": [
        "Settles many escrows of one node (remaining accounts, writable, one per entry, in order) with one transfer of their sum to the node's payout account."
      ],
      "discriminator": [
        22,
        2,
        21,
        223,
        225,
        122,
        163,
        214
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "node",
          "docs": [
            "The io_staking node every escrow of the batch belongs to"
          ]
        },
        {
          "name": "coordinator",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "payout",
          "docs": [
            "Every escrow's payout account"
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": [
        {
          "name": "entries",
          "type": {
            "vec": {
              "defined": {
                "name": "settleEntry"
              }
            }
          }
        }
      ]
    },
    {
      "name": "closeEscrow",
      "docs": [
        "The coordinator closes an escrow, optionally with a final settlement (amount > 0, seq next); the supplier gets at least min(min_charge, deposited), the customer the rest and the rent."
      ],
      "discriminator": [
        139,
        171,
        94,
        146,
        191,
        91,
        144,
        50
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "coordinator",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "payout",
          "docs": [
            "escrow.payout"
          ],
          "writable": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customer",
          "docs": [
            "escrow.customer: receives the refund's rent"
          ],
          "writable": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customerToken",
          "docs": [
            "The customer's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        },
        {
          "name": "seq",
          "type": "u64"
        }
      ]
    },
    {
      "name": "refundExpired",
      "docs": [
        "The customer takes the rest back after expires_at + grace when the coordinator never closed the escrow."
      ],
      "discriminator": [
        118,
        153,
        164,
        244,
        40,
        128,
        242,
        250
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "customer",
          "writable": true,
          "signer": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customerToken",
          "docs": [
            "The customer's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "refundIneligible",
      "docs": [
        "The customer takes the rest back at once when the node is jailed or no longer holds its minimum stake."
      ],
      "discriminator": [
        158,
        239,
        179,
        187,
        76,
        155,
        183,
        107
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (owner: config.staking_program)"
          ]
        },
        {
          "name": "node",
          "docs": [
            "The io_staking node (owner: config.staking_program)"
          ],
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customer",
          "writable": true,
          "signer": true,
          "relations": [
            "escrow"
          ]
        },
        {
          "name": "customerToken",
          "docs": [
            "The customer's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "customer"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint",
            "escrow"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "sweepFees",
      "docs": [
        "Anyone moves a mint's accrued fees to the treasury's token account of that mint."
      ],
      "discriminator": [
        175,
        225,
        98,
        71,
        118,
        66,
        34,
        148
      ],
      "accounts": [
        {
          "name": "config",
          "docs": [
            "PDA [\"config\"]"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "paymentMint",
          "docs": [
            "PDA [\"payment_mint\", mint]: the mint's books"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "treasuryToken",
          "docs": [
            "The treasury's token account of the mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "config.treasury"
              },
              {
                "kind": "account",
                "path": "mintTokenProgram"
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "vault",
          "docs": [
            "PDA [\"vault\", mint]: the pooled token account, owned by the config PDA"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          },
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mint",
          "docs": [
            "The payment mint"
          ],
          "relations": [
            "paymentMint"
          ]
        },
        {
          "name": "mintTokenProgram",
          "docs": [
            "The token program of the mint"
          ]
        }
      ],
      "args": []
    }
  ],
  "accounts": [
    {
      "name": "escrowConfig",
      "discriminator": [
        138,
        174,
        227,
        187,
        239,
        148,
        1,
        44
      ]
    },
    {
      "name": "paymentMint",
      "discriminator": [
        234,
        73,
        102,
        104,
        105,
        211,
        251,
        238
      ]
    },
    {
      "name": "escrow",
      "discriminator": [
        31,
        213,
        123,
        187,
        186,
        22,
        218,
        155
      ]
    }
  ],
  "events": [
    {
      "name": "configInitialized",
      "discriminator": [
        181,
        49,
        200,
        156,
        19,
        167,
        178,
        91
      ]
    },
    {
      "name": "configUpdated",
      "discriminator": [
        40,
        241,
        230,
        122,
        11,
        19,
        198,
        194
      ]
    },
    {
      "name": "adminProposed",
      "discriminator": [
        129,
        249,
        226,
        227,
        199,
        82,
        110,
        243
      ]
    },
    {
      "name": "adminAccepted",
      "discriminator": [
        174,
        12,
        76,
        139,
        158,
        99,
        110,
        254
      ]
    },
    {
      "name": "pausedSet",
      "discriminator": [
        171,
        125,
        127,
        156,
        233,
        81,
        68,
        66
      ]
    },
    {
      "name": "feesProposed",
      "discriminator": [
        238,
        86,
        32,
        69,
        85,
        202,
        108,
        123
      ]
    },
    {
      "name": "mintEnabled",
      "discriminator": [
        114,
        233,
        148,
        185,
        206,
        233,
        92,
        237
      ]
    },
    {
      "name": "escrowOpened",
      "discriminator": [
        201,
        42,
        96,
        8,
        123,
        9,
        212,
        164
      ]
    },
    {
      "name": "toppedUp",
      "discriminator": [
        97,
        81,
        238,
        182,
        97,
        234,
        177,
        152
      ]
    },
    {
      "name": "extended",
      "discriminator": [
        5,
        76,
        91,
        44,
        187,
        214,
        114,
        165
      ]
    },
    {
      "name": "settled",
      "discriminator": [
        232,
        210,
        40,
        17,
        142,
        124,
        145,
        238
      ]
    },
    {
      "name": "batchSettled",
      "discriminator": [
        238,
        14,
        187,
        192,
        127,
        95,
        104,
        9
      ]
    },
    {
      "name": "escrowClosed",
      "discriminator": [
        109,
        20,
        57,
        51,
        217,
        118,
        3,
        173
      ]
    },
    {
      "name": "feesSwept",
      "discriminator": [
        96,
        218,
        115,
        136,
        74,
        170,
        202,
        172
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "notUpgradeAuthority",
      "msg": "The signer is not the program's upgrade authority"
    },
    {
      "code": 6001,
      "name": "notAdmin",
      "msg": "The signer is not the admin"
    },
    {
      "code": 6002,
      "name": "notPendingAdmin",
      "msg": "The signer is not the proposed admin"
    },
    {
      "code": 6003,
      "name": "notCoordinator",
      "msg": "The signer is not the current coordinator"
    },
    {
      "code": 6004,
      "name": "paused",
      "msg": "The program is paused: opening, topping up and settling are stopped (closing and refunds still work)"
    },
    {
      "code": 6005,
      "name": "feeAboveCap",
      "msg": "A fee is above the on-chain cap of 10 %"
    },
    {
      "code": 6006,
      "name": "invalidDuration",
      "msg": "A duration is negative"
    },
    {
      "code": 6007,
      "name": "mintExtensionNotAllowed",
      "msg": "The mint has a Token-2022 extension that changes what a transfer or a balance does (transfer fee, hook, permanent delegate, non-transferable, default frozen, confidential, pausable, close authority, interest, scaled amount)"
    },
    {
      "code": 6008,
      "name": "zeroAmount",
      "msg": "The amount is zero"
    },
    {
      "code": 6009,
      "name": "invalidExpiry",
      "msg": "The expiry must be in the future and later than the current one"
    },
    {
      "code": 6010,
      "name": "nodeNotEligible",
      "msg": "The node does not hold the minimum active stake for its GPUs"
    },
    {
      "code": 6011,
      "name": "nodeJailed",
      "msg": "The node is jailed"
    },
    {
      "code": 6012,
      "name": "wrongSequence",
      "msg": "The settlement's sequence number is not the escrow's next one (replayed or out of order)"
    },
    {
      "code": 6013,
      "name": "rateExceeded",
      "msg": "The settlement exceeds min_charge + rate x time agreed at opening"
    },
    {
      "code": 6014,
      "name": "insufficientBalance",
      "msg": "The escrow holds less than the amount"
    },
    {
      "code": 6015,
      "name": "notExpired",
      "msg": "The escrow is refundable only after its expiry plus the grace period"
    },
    {
      "code": 6016,
      "name": "nodeStillEligible",
      "msg": "The node is neither jailed nor under-staked; the escrow is not refundable for ineligibility"
    },
    {
      "code": 6017,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6018,
      "name": "batchMismatch",
      "msg": "The batch needs one writable escrow account per entry"
    },
    {
      "code": 6019,
      "name": "duplicateEscrow",
      "msg": "The same escrow appears twice in the batch"
    },
    {
      "code": 6020,
      "name": "escrowOfAnotherNode",
      "msg": "An escrow of the batch belongs to another node"
    },
    {
      "code": 6021,
      "name": "wrongPayout",
      "msg": "The payout account is not the one bound to the escrow at opening"
    },
    {
      "code": 6022,
      "name": "nothingToSweep",
      "msg": "The mint has no accrued fees"
    },
    {
      "code": 6023,
      "name": "refundGraceTooLong",
      "msg": "The refund grace is above its bound of 30 days"
    }
  ],
  "types": [
    {
      "name": "initParams",
      "docs": [
        "Settings given at initialize. The staking program id and the fee delay never change."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "coordinator",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "stakingProgram",
            "type": "pubkey"
          },
          {
            "name": "customerFeeBps",
            "type": "u16"
          },
          {
            "name": "supplierFeeBps",
            "type": "u16"
          },
          {
            "name": "feeDelaySecs",
            "type": "i64"
          },
          {
            "name": "refundGraceSecs",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "configParams",
      "docs": [
        "Settings changed by update_config."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "coordinator",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "refundGraceSecs",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "settleEntry",
      "docs": [
        "One escrow's settlement in a batch."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "seq",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "escrowConfig",
      "docs": [
        "Program-wide settings and authorities. PDA [\"config\"]; owns every vault."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "type": "pubkey"
          },
          {
            "name": "coordinator",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "stakingProgram",
            "type": "pubkey"
          },
          {
            "name": "customerFeeBps",
            "type": "u16"
          },
          {
            "name": "supplierFeeBps",
            "type": "u16"
          },
          {
            "name": "pendingCustomerFeeBps",
            "type": "u16"
          },
          {
            "name": "pendingSupplierFeeBps",
            "type": "u16"
          },
          {
            "name": "feesChangeAt",
            "type": "i64"
          },
          {
            "name": "feeDelaySecs",
            "type": "i64"
          },
          {
            "name": "refundGraceSecs",
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                128
              ]
            }
          }
        ]
      }
    },
    {
      "name": "paymentMint",
      "docs": [
        "One accepted payment mint and its vault's books. PDA [\"payment_mint\", mint]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "decimals",
            "type": "u8"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "owed",
            "type": "u64"
          },
          {
            "name": "feesAccrued",
            "type": "u64"
          },
          {
            "name": "feesSwept",
            "type": "u64"
          },
          {
            "name": "openEscrows",
            "type": "u64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "escrow",
      "docs": [
        "One customer's prepaid job on one node. PDA [\"escrow\", customer, job_id]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "customer",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "payout",
            "type": "pubkey"
          },
          {
            "name": "jobId",
            "type": "u64"
          },
          {
            "name": "deposited",
            "type": "u64"
          },
          {
            "name": "settled",
            "type": "u64"
          },
          {
            "name": "customerFeeBps",
            "type": "u16"
          },
          {
            "name": "supplierFeeBps",
            "type": "u16"
          },
          {
            "name": "customerFees",
            "type": "u64"
          },
          {
            "name": "supplierFees",
            "type": "u64"
          },
          {
            "name": "ratePerSecond",
            "type": "u64"
          },
          {
            "name": "minCharge",
            "type": "u64"
          },
          {
            "name": "nextSeq",
            "type": "u64"
          },
          {
            "name": "openedAt",
            "type": "i64"
          },
          {
            "name": "expiresAt",
            "type": "i64"
          },
          {
            "name": "refundAfter",
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "configInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "initParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "configUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "configParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "adminProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "adminAccepted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "previousAdmin",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "pausedSet",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "paused",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "feesProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "customerFeeBps",
            "type": "u16"
          },
          {
            "name": "supplierFeeBps",
            "type": "u16"
          },
          {
            "name": "changeAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "mintEnabled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "decimals",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "escrowOpened",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "escrow",
            "type": "pubkey"
          },
          {
            "name": "customer",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "jobId",
            "type": "u64"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "ratePerSecond",
            "type": "u64"
          },
          {
            "name": "minCharge",
            "type": "u64"
          },
          {
            "name": "expiresAt",
            "type": "i64"
          },
          {
            "name": "customerFeeBps",
            "type": "u16"
          },
          {
            "name": "supplierFeeBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "toppedUp",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "escrow",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "deposited",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "extended",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "escrow",
            "type": "pubkey"
          },
          {
            "name": "expiresAt",
            "type": "i64"
          },
          {
            "name": "refundAfter",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "settled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "escrow",
            "type": "pubkey"
          },
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "settled",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "batchSettled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "payout",
            "type": "pubkey"
          },
          {
            "name": "escrows",
            "type": "u32"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "escrowClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "escrow",
            "type": "pubkey"
          },
          {
            "name": "customer",
            "type": "pubkey"
          },
          {
            "name": "reason",
            "type": "u8"
          },
          {
            "name": "supplierAmount",
            "type": "u64"
          },
          {
            "name": "supplierFee",
            "type": "u64"
          },
          {
            "name": "refund",
            "type": "u64"
          },
          {
            "name": "settled",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "feesSwept",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "treasuryToken",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "configSeed",
      "type": "bytes",
      "value": "[99, 111, 110, 102, 105, 103]"
    },
    {
      "name": "paymentMintSeed",
      "type": "bytes",
      "value": "[112, 97, 121, 109, 101, 110, 116, 95, 109, 105, 110, 116]"
    },
    {
      "name": "vaultSeed",
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    },
    {
      "name": "escrowSeed",
      "type": "bytes",
      "value": "[101, 115, 99, 114, 111, 119]"
    },
    {
      "name": "maxFeeBps",
      "type": "u16",
      "value": "1000"
    },
    {
      "name": "maxRefundGraceSecs",
      "docs": [
        "The longest refund grace (30 days): the admin sets it at once, and no customer signs it, so it is bounded like every setting."
      ],
      "type": "i64",
      "value": "2592000"
    },
    {
      "name": "bpsDenominator",
      "type": "u64",
      "value": "10000"
    },
    {
      "name": "closedByCoordinator",
      "type": "u8",
      "value": "0"
    },
    {
      "name": "closedExpired",
      "type": "u8",
      "value": "1"
    },
    {
      "name": "closedIneligible",
      "type": "u8",
      "value": "2"
    },
    {
      "name": "accountVersion",
      "type": "u8",
      "value": "1"
    }
  ]
};
