/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/io_staking.json`.
 */
export type IoStaking = {
  "address": "9twLJiSjTemoaP1Y4JmA8chRTmmK6cjug8TBYxUfagzc",
  "metadata": {
    "name": "ioStaking",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "$IO staking by GPU suppliers and their co-stakers."
  },
  "instructions": [
    {
      "name": "initialize",
      "docs": [
        "Creates the config, the reward state and the two token vaults (owned by the config PDA).",
        "Only the program's upgrade authority may call it, once."
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
          "name": "rewardState",
          "docs": [
            "PDA [\"rewards\"], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          }
        },
        {
          "name": "stakeVault",
          "docs": [
            "PDA [\"stake_vault\"], token account created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          }
        },
        {
          "name": "rewardVault",
          "docs": [
            "PDA [\"reward_vault\"], token account created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          }
        },
        {
          "name": "stakeMint",
          "docs": [
            "The $IO mint (SPL Token or Token-2022; no freeze authority, only allow-listed extensions)"
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "Token account of the stake mint that receives slashed stake"
          ]
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
          "name": "stakeTokenProgram",
          "docs": [
            "The token program that owns the stake mint"
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
              "name": "configParams"
            }
          }
        }
      ]
    },
    {
      "name": "updateConfig",
      "docs": [
        "Changes the settings. Admin only. A change that takes nothing from stakers (pause authority, burning on) applies at once; any other is proposed and applies through apply_config after a delay."
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
          "docs": [
            "config.admin"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "params.treasury: a token account of the stake mint"
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
      "name": "applyConfig",
      "docs": [
        "Applies the proposed config change once its activation time has passed. Anyone may call it."
      ],
      "discriminator": [
        121,
        42,
        53,
        8,
        51,
        150,
        105,
        249
      ],
      "accounts": [
        {
          "name": "config",
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
        }
      ],
      "args": []
    },
    {
      "name": "proposeAdmin",
      "docs": [
        "First step of an admin rotation: names the next admin (the default key cancels)."
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
          "docs": [
            "config.admin"
          ],
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
          "docs": [
            "config.pending_admin"
          ],
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
        "Pauses or resumes staking and reward claims; exits keep working."
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
            "config.pause_authority or config.admin"
          ],
          "signer": true
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
      "name": "registerNode",
      "docs": [
        "Registers one GPU device of a supplier."
      ],
      "discriminator": [
        102,
        85,
        117,
        114,
        194,
        188,
        211,
        168
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "rewardState",
          "docs": [
            "config.reward_state: the node may claim only from roots posted after this call"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "docs": [
            "PDA [\"node\", node_id], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  110,
                  111,
                  100,
                  101
                ]
              },
              {
                "kind": "arg",
                "path": "nodeId"
              }
            ]
          }
        },
        {
          "name": "owner",
          "docs": [
            "The supplier; pays the rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "nodeId",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        },
        {
          "name": "gpuCount",
          "type": "u16"
        },
        {
          "name": "multiplierBps",
          "type": "u32"
        },
        {
          "name": "costakeRewardShareBps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "stake",
      "docs": [
        "The node owner's self-stake: moves `amount` into the node's active pool."
      ],
      "discriminator": [
        206,
        176,
        202,
        18,
        200,
        209,
        179,
        108
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "docs": [
            "PDA [\"position\", node, owner], created on the first stake"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "owner",
          "docs": [
            "node.owner; pays the position's rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "ownerToken",
          "docs": [
            "The owner's token account of the stake mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "owner"
              },
              {
                "kind": "account",
                "path": "stakeTokenProgram"
              },
              {
                "kind": "account",
                "path": "stakeMint"
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
          "name": "stakeVault",
          "docs": [
            "config.stake_vault"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "docs": [
            "config.stake_mint"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "config.stake_token_program"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
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
      "name": "costake",
      "docs": [
        "Anyone but the owner backs a node with `amount`; refused if co-stake would exceed",
        "config.max_costake_bps of the node's active stake."
      ],
      "discriminator": [
        4,
        149,
        154,
        227,
        109,
        71,
        144,
        163
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "docs": [
            "PDA [\"position\", node, staker], created on the first stake"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "The co-staker; pays the position's rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "stakerToken",
          "docs": [
            "The co-staker's token account of the stake mint"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "staker"
              },
              {
                "kind": "account",
                "path": "stakeTokenProgram"
              },
              {
                "kind": "account",
                "path": "stakeMint"
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
          "name": "stakeVault",
          "docs": [
            "config.stake_vault"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "docs": [
            "config.stake_mint"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "config.stake_token_program"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
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
      "name": "requestUnstake",
      "docs": [
        "Starts an exit of `amount` (UNSTAKE_ALL: everything). The owner's stake moves to the",
        "unbonding pool (unlock after the cooldown); a co-staker's stake first waits",
        "config.costaker_exit_wait_secs in the active pool, earning nothing (see start_cooldown)."
      ],
      "discriminator": [
        44,
        154,
        110,
        253,
        160,
        202,
        54,
        34
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker"
          ],
          "signer": true,
          "relations": [
            "position"
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
      "name": "startCooldown",
      "docs": [
        "Moves a co-staker's leaving stake, once its exit wait is over, into the cooldown. Anyone may call it."
      ],
      "discriminator": [
        0,
        171,
        83,
        184,
        85,
        96,
        18,
        166
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "cancelUnstake",
      "docs": [
        "Returns everything leaving or unbonding to the active pool."
      ],
      "discriminator": [
        64,
        65,
        53,
        227,
        125,
        153,
        3,
        167
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker"
          ],
          "signer": true,
          "relations": [
            "position"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "withdraw",
      "docs": [
        "Pays the position's unbonding stake, at the unbonding pool's share price, after its unlock time."
      ],
      "discriminator": [
        183,
        18,
        70,
        156,
        148,
        109,
        161,
        34
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker"
          ],
          "signer": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "stakerToken",
          "docs": [
            "A token account of the stake mint owned by the staker"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "staker"
              },
              {
                "kind": "account",
                "path": "stakeTokenProgram"
              },
              {
                "kind": "account",
                "path": "stakeMint"
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
          "name": "stakeVault",
          "docs": [
            "config.stake_vault"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "docs": [
            "config.stake_mint"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "config.stake_token_program"
          ],
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "postRewardRoot",
      "docs": [
        "Publishes the Merkle root over (node, cumulative_amount) of a new epoch; refused",
        "when the reward vault cannot pay the root's cumulative total."
      ],
      "discriminator": [
        11,
        132,
        3,
        214,
        151,
        91,
        98,
        11
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "rewardState",
          "docs": [
            "config.reward_state"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "rewardVault",
          "docs": [
            "config.reward_vault"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "rewardAuthority",
          "docs": [
            "config.reward_authority"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "epoch",
          "type": "u64"
        },
        {
          "name": "root",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        },
        {
          "name": "total",
          "type": "u64"
        }
      ]
    },
    {
      "name": "claimNodeRewards",
      "docs": [
        "Credits a node with `cumulative - already claimed` against the current root, split by",
        "its co-staker share between its owner and its earning co-stakers. Anyone may call it."
      ],
      "discriminator": [
        151,
        201,
        146,
        161,
        104,
        100,
        214,
        1
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "rewardState",
          "docs": [
            "config.reward_state"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "rewardVault",
          "docs": [
            "config.reward_vault"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "cumulative",
          "type": "u64"
        },
        {
          "name": "proof",
          "type": {
            "vec": {
              "array": [
                "u8",
                32
              ]
            }
          }
        }
      ]
    },
    {
      "name": "claimRewards",
      "docs": [
        "Pays a position's rewards (and, to the node owner, the owner's share) to the staker."
      ],
      "discriminator": [
        4,
        144,
        132,
        71,
        116,
        23,
        151,
        80
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "rewardState",
          "docs": [
            "config.reward_state"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker"
          ],
          "signer": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "stakerToken",
          "docs": [
            "A token account of the stake mint owned by the staker"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "staker"
              },
              {
                "kind": "account",
                "path": "stakeTokenProgram"
              },
              {
                "kind": "account",
                "path": "stakeMint"
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
          "name": "rewardVault",
          "docs": [
            "config.reward_vault"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "docs": [
            "config.stake_mint"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "config.stake_token_program"
          ],
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "slash",
      "docs": [
        "Takes `bps` of both of a node's pools (the share prices drop; positions are untouched)",
        "to the treasury, or burns it. Only the slashing program's [\"slasher\"] PDA may sign."
      ],
      "discriminator": [
        204,
        141,
        18,
        161,
        8,
        177,
        92,
        142
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeVault",
          "docs": [
            "config.stake_vault"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "docs": [
            "config.stake_mint (its supply drops when burning)"
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "config.treasury"
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "config.stake_token_program"
          ],
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "bps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "jail",
      "docs": [
        "Jails a node until `until` (never shortens a jail). Only the slasher PDA may sign."
      ],
      "discriminator": [
        29,
        7,
        182,
        21,
        82,
        170,
        90,
        191
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": [
        {
          "name": "until",
          "type": "i64"
        }
      ]
    },
    {
      "name": "unjail",
      "docs": [
        "Lifts a node's jail. Only the slasher PDA may sign."
      ],
      "discriminator": [
        191,
        20,
        253,
        148,
        23,
        114,
        221,
        239
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "closePosition",
      "docs": [
        "Closes an empty position (no shares, no unpaid rewards); the rent goes back to the staker."
      ],
      "discriminator": [
        123,
        134,
        81,
        0,
        49,
        68,
        98,
        98
      ],
      "accounts": [
        {
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker; receives the rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "position"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "closeNode",
      "docs": [
        "Closes a node without positions or unpaid owner rewards. The account stays as a tombstone (with its rent) that keeps the rewards claimed for its address; reopen_node gives the id a new owner."
      ],
      "discriminator": [
        19,
        61,
        232,
        69,
        247,
        135,
        255,
        107
      ],
      "accounts": [
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "owner",
          "docs": [
            "node.owner"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "node"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "reopenNode",
      "docs": [
        "Registers a closed node id again, for the signer; what the id was paid stays claimed."
      ],
      "discriminator": [
        87,
        68,
        59,
        47,
        31,
        107,
        148,
        69
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "rewardState",
          "docs": [
            "config.reward_state"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "docs": [
            "PDA [\"node\", node_id], closed"
          ],
          "writable": true
        },
        {
          "name": "owner",
          "docs": [
            "The node's new owner"
          ],
          "signer": true
        }
      ],
      "args": [
        {
          "name": "nodeId",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        },
        {
          "name": "gpuCount",
          "type": "u16"
        },
        {
          "name": "multiplierBps",
          "type": "u32"
        },
        {
          "name": "costakeRewardShareBps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "clearWorthless",
      "docs": [
        "Clears a position's shares that are worth nothing (their pool slashed to zero), unbonding ones after their unlock time, and closes the position if that empties it. Anyone may call it."
      ],
      "discriminator": [
        156,
        213,
        212,
        13,
        82,
        31,
        61,
        83
      ],
      "accounts": [
        {
          "name": "node",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "account",
                "path": "staker"
              }
            ]
          }
        },
        {
          "name": "staker",
          "docs": [
            "position.staker; receives the rent if the position closes"
          ],
          "writable": true,
          "relations": [
            "position"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "raisePendingSlash",
      "docs": [
        "Counts one more pending slash proposal against a node; while any is pending, no",
        "position of the node may withdraw. Only the slasher PDA may sign."
      ],
      "discriminator": [
        104,
        214,
        27,
        121,
        206,
        209,
        1,
        117
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "lowerPendingSlash",
      "docs": [
        "Counts one pending slash proposal less (it was executed, cancelled or rejected). Only",
        "the slasher PDA may sign."
      ],
      "discriminator": [
        207,
        252,
        24,
        122,
        20,
        66,
        25,
        61
      ],
      "accounts": [
        {
          "name": "config",
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
          "name": "node",
          "writable": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher"
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        }
      ],
      "args": []
    }
  ],
  "accounts": [
    {
      "name": "stakingConfig",
      "discriminator": [
        45,
        134,
        252,
        82,
        37,
        57,
        84,
        25
      ]
    },
    {
      "name": "rewardState",
      "discriminator": [
        86,
        245,
        149,
        170,
        90,
        108,
        31,
        251
      ]
    },
    {
      "name": "node",
      "discriminator": [
        208,
        53,
        1,
        3,
        49,
        122,
        180,
        49
      ]
    },
    {
      "name": "stakePosition",
      "discriminator": [
        78,
        165,
        30,
        111,
        171,
        125,
        11,
        220
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
      "name": "configChangeProposed",
      "discriminator": [
        57,
        212,
        96,
        3,
        9,
        29,
        225,
        198
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
      "name": "nodeRegistered",
      "discriminator": [
        15,
        57,
        183,
        59,
        93,
        55,
        157,
        195
      ]
    },
    {
      "name": "staked",
      "discriminator": [
        11,
        146,
        45,
        205,
        230,
        58,
        213,
        240
      ]
    },
    {
      "name": "unstakeRequested",
      "discriminator": [
        21,
        253,
        177,
        85,
        129,
        206,
        42,
        152
      ]
    },
    {
      "name": "cooldownStarted",
      "discriminator": [
        234,
        222,
        253,
        46,
        67,
        239,
        210,
        53
      ]
    },
    {
      "name": "unstakeCancelled",
      "discriminator": [
        102,
        223,
        189,
        101,
        201,
        223,
        180,
        38
      ]
    },
    {
      "name": "withdrawn",
      "discriminator": [
        20,
        89,
        223,
        198,
        194,
        124,
        219,
        13
      ]
    },
    {
      "name": "rewardRootPosted",
      "discriminator": [
        228,
        40,
        90,
        15,
        44,
        154,
        82,
        86
      ]
    },
    {
      "name": "nodeRewardsClaimed",
      "discriminator": [
        68,
        22,
        133,
        103,
        155,
        233,
        56,
        27
      ]
    },
    {
      "name": "rewardsClaimed",
      "discriminator": [
        75,
        98,
        88,
        18,
        219,
        112,
        88,
        121
      ]
    },
    {
      "name": "nodeSlashed",
      "discriminator": [
        195,
        114,
        214,
        16,
        173,
        73,
        177,
        87
      ]
    },
    {
      "name": "nodeJailed",
      "discriminator": [
        102,
        179,
        212,
        131,
        145,
        195,
        112,
        236
      ]
    },
    {
      "name": "nodeUnjailed",
      "discriminator": [
        17,
        217,
        159,
        8,
        72,
        119,
        115,
        55
      ]
    },
    {
      "name": "positionClosed",
      "discriminator": [
        157,
        163,
        227,
        228,
        13,
        97,
        138,
        121
      ]
    },
    {
      "name": "nodeClosed",
      "discriminator": [
        191,
        85,
        142,
        188,
        15,
        189,
        76,
        109
      ]
    },
    {
      "name": "worthlessCleared",
      "discriminator": [
        34,
        95,
        181,
        249,
        141,
        56,
        38,
        126
      ]
    },
    {
      "name": "pendingSlashesChanged",
      "discriminator": [
        61,
        36,
        117,
        129,
        156,
        95,
        191,
        132
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
      "name": "invalidGpuCount",
      "msg": "A node needs at least one GPU"
    },
    {
      "code": 6002,
      "name": "invalidMultiplier",
      "msg": "The earning multiplier is zero or above the maximum"
    },
    {
      "code": 6003,
      "name": "invalidBps",
      "msg": "A basis-point value is above 10000"
    },
    {
      "code": 6004,
      "name": "invalidDuration",
      "msg": "A duration is negative"
    },
    {
      "code": 6005,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6006,
      "name": "notAdmin",
      "msg": "The signer is not the admin"
    },
    {
      "code": 6007,
      "name": "notPendingAdmin",
      "msg": "The signer is not the proposed admin"
    },
    {
      "code": 6008,
      "name": "notPauseAuthority",
      "msg": "The signer may not pause or resume the program"
    },
    {
      "code": 6009,
      "name": "notRewardAuthority",
      "msg": "The signer is not the reward authority"
    },
    {
      "code": 6010,
      "name": "notSlasher",
      "msg": "The signer is not the slashing program's slasher"
    },
    {
      "code": 6011,
      "name": "notNodeOwner",
      "msg": "The signer does not own the node"
    },
    {
      "code": 6012,
      "name": "ownerCannotCostake",
      "msg": "A node's owner stakes with stake, not costake"
    },
    {
      "code": 6013,
      "name": "paused",
      "msg": "The program is paused"
    },
    {
      "code": 6014,
      "name": "nodeJailed",
      "msg": "The node is jailed"
    },
    {
      "code": 6015,
      "name": "zeroAmount",
      "msg": "The amount is zero"
    },
    {
      "code": 6016,
      "name": "amountTooSmall",
      "msg": "The amount is worth less than one share"
    },
    {
      "code": 6017,
      "name": "insufficientStake",
      "msg": "The position holds less active stake than the amount"
    },
    {
      "code": 6018,
      "name": "costakeCapExceeded",
      "msg": "Co-stake would exceed the node's co-stake cap"
    },
    {
      "code": 6019,
      "name": "stillUnbonding",
      "msg": "The unbonding stake is still in its cooldown"
    },
    {
      "code": 6020,
      "name": "nothingToWithdraw",
      "msg": "The position has no unbonding stake"
    },
    {
      "code": 6021,
      "name": "exitWaitNotOver",
      "msg": "The co-staker exit wait is not over"
    },
    {
      "code": 6022,
      "name": "nothingLeaving",
      "msg": "The position has no stake waiting to leave"
    },
    {
      "code": 6023,
      "name": "nothingToCancel",
      "msg": "The position has no stake leaving or unbonding"
    },
    {
      "code": 6024,
      "name": "invalidProof",
      "msg": "The proof does not lead to the current reward root"
    },
    {
      "code": 6025,
      "name": "nothingToClaim",
      "msg": "There is nothing to claim"
    },
    {
      "code": 6026,
      "name": "rewardVaultShort",
      "msg": "The reward vault cannot pay what the rewards would owe"
    },
    {
      "code": 6027,
      "name": "staleEpoch",
      "msg": "The epoch is not after the current reward epoch"
    },
    {
      "code": 6028,
      "name": "invalidSlashBps",
      "msg": "A slash takes between 1 and 10000 basis points"
    },
    {
      "code": 6029,
      "name": "invalidJailTime",
      "msg": "A jail must end in the future"
    },
    {
      "code": 6030,
      "name": "positionNotEmpty",
      "msg": "The position still holds stake or unpaid rewards"
    },
    {
      "code": 6031,
      "name": "nodeNotEmpty",
      "msg": "The node still has positions or unpaid owner rewards"
    },
    {
      "code": 6032,
      "name": "poolDepleted",
      "msg": "The node's stake was slashed to zero; it takes no stake until every old share has left"
    },
    {
      "code": 6033,
      "name": "rootBeforeRegistration",
      "msg": "The reward root was posted before the node was registered"
    },
    {
      "code": 6034,
      "name": "cooldownTooShort",
      "msg": "The unstake cooldown is shorter than MIN_UNSTAKE_COOLDOWN_SECS"
    },
    {
      "code": 6035,
      "name": "exitWaitTooShort",
      "msg": "The co-staker exit wait is shorter than MIN_COSTAKER_EXIT_WAIT_SECS"
    },
    {
      "code": 6036,
      "name": "durationTooLong",
      "msg": "A cooldown or exit wait is longer than MAX_DURATION_SECS"
    },
    {
      "code": 6037,
      "name": "costakeCapTooHigh",
      "msg": "The co-stake cap is above MAX_COSTAKE_BPS"
    },
    {
      "code": 6038,
      "name": "minStakeZero",
      "msg": "The minimum stake per GPU is zero"
    },
    {
      "code": 6039,
      "name": "noPendingConfig",
      "msg": "No config change is proposed"
    },
    {
      "code": 6040,
      "name": "configChangeNotReady",
      "msg": "The proposed config change is not active yet"
    },
    {
      "code": 6041,
      "name": "mintExtensionNotAllowed",
      "msg": "The mint has a Token-2022 extension outside the allow-list"
    },
    {
      "code": 6042,
      "name": "mintFreezeAuthority",
      "msg": "The mint has a freeze authority"
    },
    {
      "code": 6043,
      "name": "nodeClosed",
      "msg": "The node is closed"
    },
    {
      "code": 6044,
      "name": "nodeNotClosed",
      "msg": "The node is not closed"
    },
    {
      "code": 6045,
      "name": "sharesNotWorthless",
      "msg": "The position's shares are still worth something"
    },
    {
      "code": 6046,
      "name": "slashPending",
      "msg": "A slash proposal against the node is pending: withdrawals wait until it is executed, cancelled or rejected"
    },
    {
      "code": 6047,
      "name": "noPendingSlash",
      "msg": "The node has no pending slash proposal"
    }
  ],
  "types": [
    {
      "name": "configParams",
      "docs": [
        "Settings given at initialize and changed by update_config."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rewardAuthority",
            "type": "pubkey"
          },
          {
            "name": "pauseAuthority",
            "type": "pubkey"
          },
          {
            "name": "slasher",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "minStakePerGpu",
            "type": "u64"
          },
          {
            "name": "unstakeCooldownSecs",
            "type": "i64"
          },
          {
            "name": "costakerExitWaitSecs",
            "type": "i64"
          },
          {
            "name": "maxCostakeBps",
            "type": "u16"
          },
          {
            "name": "slashBurn",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "pool",
      "docs": [
        "Stake counted in tokens and in shares; share price = tokens / shares."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tokens",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "stakingConfig",
      "docs": [
        "Program-wide settings and authorities. PDA [\"config\"]."
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
            "name": "slashBurn",
            "type": "bool"
          },
          {
            "name": "mintDecimals",
            "type": "u8"
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
            "name": "rewardAuthority",
            "type": "pubkey"
          },
          {
            "name": "pauseAuthority",
            "type": "pubkey"
          },
          {
            "name": "slasher",
            "type": "pubkey"
          },
          {
            "name": "stakeMint",
            "type": "pubkey"
          },
          {
            "name": "stakeTokenProgram",
            "type": "pubkey"
          },
          {
            "name": "stakeVault",
            "type": "pubkey"
          },
          {
            "name": "rewardVault",
            "type": "pubkey"
          },
          {
            "name": "rewardState",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "minStakePerGpu",
            "type": "u64"
          },
          {
            "name": "unstakeCooldownSecs",
            "type": "i64"
          },
          {
            "name": "costakerExitWaitSecs",
            "type": "i64"
          },
          {
            "name": "maxCostakeBps",
            "type": "u16"
          },
          {
            "name": "hasPendingParams",
            "docs": [
              "A config change is proposed (pending_params, from pending_activates_at)."
            ],
            "type": "bool"
          },
          {
            "name": "pendingActivatesAt",
            "type": "i64"
          },
          {
            "name": "pendingParams",
            "type": {
              "defined": {
                "name": "configParams"
              }
            }
          },
          {
            "name": "slasherGeneration",
            "docs": [
              "Bumped by each apply_config that changes the slasher: pending slashes raised under an earlier one freeze nothing."
            ],
            "type": "u32"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                124
              ]
            }
          }
        ]
      }
    },
    {
      "name": "rewardState",
      "docs": [
        "The current reward root and the reward vault's books. PDA [\"rewards\"]; kept apart",
        "from the config so that claims do not write-lock what every staking call reads."
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
            "name": "epoch",
            "type": "u64"
          },
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "rootTotal",
            "type": "u64"
          },
          {
            "name": "postedAt",
            "type": "i64"
          },
          {
            "name": "credited",
            "type": "u64"
          },
          {
            "name": "paid",
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
      "name": "node",
      "docs": [
        "One supplier device. PDA [\"node\", node_id]."
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
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "nodeId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "multiplierBps",
            "type": "u32"
          },
          {
            "name": "costakeRewardShareBps",
            "type": "u16"
          },
          {
            "name": "registeredAt",
            "type": "i64"
          },
          {
            "name": "registeredEpoch",
            "type": "u64"
          },
          {
            "name": "jailedUntil",
            "type": "i64"
          },
          {
            "name": "active",
            "type": {
              "defined": {
                "name": "pool"
              }
            }
          },
          {
            "name": "unbonding",
            "type": {
              "defined": {
                "name": "pool"
              }
            }
          },
          {
            "name": "costakeShares",
            "type": "u64"
          },
          {
            "name": "costakeEarningShares",
            "type": "u64"
          },
          {
            "name": "rewardPerShare",
            "docs": [
              "Co-stakers' reward per earning share, scaled by REWARD_PER_SHARE_SCALE (u128: never saturates)."
            ],
            "type": "u128"
          },
          {
            "name": "rewardsClaimed",
            "type": "u64"
          },
          {
            "name": "ownerRewards",
            "type": "u64"
          },
          {
            "name": "rewardsForfeited",
            "type": "u64"
          },
          {
            "name": "slashedTotal",
            "type": "u64"
          },
          {
            "name": "positionCount",
            "type": "u32"
          },
          {
            "name": "closed",
            "docs": [
              "Closed by its owner: a tombstone keeping rewards_claimed (reopen_node)."
            ],
            "type": "bool"
          },
          {
            "name": "jailedAt",
            "docs": [
              "When the current or last jail started (0: never jailed, or unjailed); a jail that follows one whose forfeit is still due keeps that one's start."
            ],
            "type": "i64"
          },
          {
            "name": "lastClaimPostedAt",
            "docs": [
              "posted_at of the reward root of the node's last claim."
            ],
            "type": "i64"
          },
          {
            "name": "costakerCarry",
            "docs": [
              "Co-stakers' rewards not yet in the accumulator (rounding), added to their next reward."
            ],
            "type": "u64"
          },
          {
            "name": "pendingSlashes",
            "docs": [
              "Slash proposals pending against the node (io_slashing): withdrawals wait while any is, if raised under the current slasher."
            ],
            "type": "u32"
          },
          {
            "name": "pendingSlashGeneration",
            "docs": [
              "The config's slasher_generation when pending_slashes was raised; an older one's count freezes nothing."
            ],
            "type": "u32"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                55
              ]
            }
          }
        ]
      }
    },
    {
      "name": "stakePosition",
      "docs": [
        "One staker's stake in one node. PDA [\"position\", node, staker]."
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
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "activeShares",
            "type": "u64"
          },
          {
            "name": "leavingShares",
            "type": "u64"
          },
          {
            "name": "leaveReadyAt",
            "type": "i64"
          },
          {
            "name": "unbondingShares",
            "type": "u64"
          },
          {
            "name": "unlockAt",
            "type": "i64"
          },
          {
            "name": "rewardPerShareSnapshot",
            "type": "u128"
          },
          {
            "name": "rewardsPending",
            "type": "u64"
          },
          {
            "name": "rewardsPaid",
            "type": "u64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                56
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
            "name": "stakeMint",
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
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
      "name": "configUpdated",
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
                "name": "configParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "configChangeProposed",
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
                "name": "configParams"
              }
            }
          },
          {
            "name": "activatesAt",
            "type": "i64"
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
            "name": "authority",
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
      "name": "nodeRegistered",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "nodeId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "multiplierBps",
            "type": "u32"
          },
          {
            "name": "costakeRewardShareBps",
            "type": "u16"
          },
          {
            "name": "minimumStake",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "staked",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "costake",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "unstakeRequested",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "leaving",
            "type": "bool"
          },
          {
            "name": "readyAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "cooldownStarted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "unlockAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "unstakeCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "leavingShares",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "withdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rewardRootPosted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "epoch",
            "type": "u64"
          },
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "total",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "nodeRewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u64"
          },
          {
            "name": "cumulative",
            "type": "u64"
          },
          {
            "name": "ownerAmount",
            "type": "u64"
          },
          {
            "name": "costakerAmount",
            "type": "u64"
          },
          {
            "name": "forfeited",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "nodeSlashed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "bps",
            "type": "u16"
          },
          {
            "name": "activeAmount",
            "type": "u64"
          },
          {
            "name": "unbondingAmount",
            "type": "u64"
          },
          {
            "name": "burned",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "nodeJailed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "until",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "nodeUnjailed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "positionClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "nodeClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "worthlessCleared",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "staker",
            "type": "pubkey"
          },
          {
            "name": "activeShares",
            "type": "u64"
          },
          {
            "name": "unbondingShares",
            "type": "u64"
          },
          {
            "name": "closed",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "pendingSlashesChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "pendingSlashes",
            "type": "u32"
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
      "name": "rewardsSeed",
      "type": "bytes",
      "value": "[114, 101, 119, 97, 114, 100, 115]"
    },
    {
      "name": "stakeVaultSeed",
      "type": "bytes",
      "value": "[115, 116, 97, 107, 101, 95, 118, 97, 117, 108, 116]"
    },
    {
      "name": "rewardVaultSeed",
      "type": "bytes",
      "value": "[114, 101, 119, 97, 114, 100, 95, 118, 97, 117, 108, 116]"
    },
    {
      "name": "nodeSeed",
      "type": "bytes",
      "value": "[110, 111, 100, 101]"
    },
    {
      "name": "positionSeed",
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "name": "bpsDenominator",
      "type": "u64",
      "value": "10000"
    },
    {
      "name": "maxMultiplierBps",
      "type": "u32",
      "value": "1000000"
    },
    {
      "name": "rewardPerShareScale",
      "type": "u64",
      "value": "1000000000000"
    },
    {
      "name": "unstakeAll",
      "type": "u64",
      "value": "18446744073709551615"
    },
    {
      "name": "accountVersion",
      "type": "u8",
      "value": "1"
    },
    {
      "name": "minUnstakeCooldownSecs",
      "docs": [
        "The shortest unstake cooldown (3 days): long enough for a reporter to see an offence and propose a slash, which freezes withdrawals, before stake that asked to leave can go."
      ],
      "type": "i64",
      "value": "259200"
    },
    {
      "name": "minCostakerExitWaitSecs",
      "docs": [
        "The shortest co-staker exit wait (1 day)."
      ],
      "type": "i64",
      "value": "86400"
    },
    {
      "name": "maxDurationSecs",
      "docs": [
        "The longest cooldown or exit wait (365 days), so that no setting can lock stake forever."
      ],
      "type": "i64",
      "value": "31536000"
    },
    {
      "name": "maxCostakeBps",
      "docs": [
        "The highest co-stake cap: co-stake provides at most 50 % of a node's stake (io.net's rule)."
      ],
      "type": "u16",
      "value": "5000"
    },
    {
      "name": "configDelayMarginSecs",
      "docs": [
        "A weakening config change takes effect after the current cooldown + exit wait + this margin (1 day), so every staker can be out before it applies."
      ],
      "type": "i64",
      "value": "86400"
    }
  ]
};
