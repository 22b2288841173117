/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/io_slashing.json`.
 */
export type IoSlashing = {
  "address": "3RNJEwzkbRsm8MDJp7gfUwn8wpoB3iSLJy5yYFF3SBhS",
  "metadata": {
    "name": "ioSlashing",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Supplier slashing with evidence, appeal and a rolling cap."
  },
  "instructions": [
    {
      "name": "initialize",
      "docs": [
        "Creates the config. Only the program's upgrade authority may call it, once. The staking",
        "program is fixed here; the slasher PDA is derived and stored."
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
          "name": "stakingProgram",
          "type": "pubkey"
        },
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "slashingParams"
            }
          }
        }
      ]
    },
    {
      "name": "updateConfig",
      "docs": [
        "Replaces the settings (windows, caps, offenses). Admin only. Open proposals keep the",
        "challenge window they were made with."
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
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "slashingParams"
            }
          }
        }
      ]
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
        "Pauses or resumes new proposals and executions; disputes, appeals and cancellations keep",
        "working. Admin only."
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
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "setReporter",
      "docs": [
        "Adds a key to the reporters, who may propose slashes (at most MAX_REPORTERS), or removes",
        "one (its open proposals stay open). Admin only."
      ],
      "discriminator": [
        85,
        106,
        154,
        18,
        252,
        50,
        144,
        189
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
          "name": "reporter",
          "type": "pubkey"
        },
        {
          "name": "enabled",
          "type": "bool"
        }
      ]
    },
    {
      "name": "proposeSlash",
      "docs": [
        "A reporter proposes to slash `bps` of a node for `offense`, with the sha256 of the",
        "evidence. Refused above the offense's cap or past the node's rolling cap. Raises the",
        "node's pending counter in io_staking, which freezes its withdrawals."
      ],
      "discriminator": [
        198,
        144,
        128,
        49,
        72,
        78,
        74,
        118
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
          "name": "record",
          "docs": [
            "PDA [\"record\", node]: the node's sequence and rolling window, created on its first proposal"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  99,
                  111,
                  114,
                  100
                ]
              },
              {
                "kind": "account",
                "path": "node"
              }
            ]
          }
        },
        {
          "name": "proposal",
          "docs": [
            "PDA [\"proposal\", node, seq], created here"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  112,
                  111,
                  115,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "node"
              },
              {
                "kind": "arg",
                "path": "seq"
              }
            ]
          }
        },
        {
          "name": "node",
          "docs": [
            "An io_staking Node"
          ],
          "writable": true,
          "relations": [
            "record",
            "proposal"
          ]
        },
        {
          "name": "reporter",
          "docs": [
            "One of config.reporters; pays the rent"
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "proposal"
          ]
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher: this program's PDA [\"slasher\"], which signs the CPIs"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  108,
                  97,
                  115,
                  104,
                  101,
                  114
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingProgram",
          "docs": [
            "config.staking_program: io_staking"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (checked by io_staking)"
          ]
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "seq",
          "type": "u64"
        },
        {
          "name": "offense",
          "type": "u8"
        },
        {
          "name": "bps",
          "type": "u16"
        },
        {
          "name": "evidenceHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "dispute",
      "docs": [
        "The node's owner disputes a pending proposal inside its challenge window, with the",
        "sha256 of the counter-evidence; the admin then resolves it."
      ],
      "discriminator": [
        216,
        92,
        128,
        146,
        202,
        85,
        135,
        73
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
          "name": "proposal",
          "docs": [
            "A SlashProposal, PDA [\"proposal\", node, seq]"
          ],
          "writable": true
        },
        {
          "name": "node",
          "docs": [
            "proposal.node, an io_staking Node"
          ],
          "relations": [
            "proposal"
          ]
        },
        {
          "name": "owner",
          "docs": [
            "node.owner"
          ],
          "signer": true,
          "relations": [
            "node"
          ]
        }
      ],
      "args": [
        {
          "name": "counterEvidenceHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "resolve",
      "docs": [
        "The appeal: the admin upholds a disputed proposal (it may then be executed) or rejects it",
        "(it no longer counts, and the node's pending counter drops), until its appeal window ends."
      ],
      "discriminator": [
        246,
        150,
        236,
        206,
        108,
        63,
        58,
        10
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
          "name": "proposal",
          "docs": [
            "A SlashProposal, PDA [\"proposal\", node, seq]"
          ],
          "writable": true
        },
        {
          "name": "record",
          "docs": [
            "The node's NodeRecord, PDA [\"record\", node]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  99,
                  111,
                  114,
                  100
                ]
              },
              {
                "kind": "account",
                "path": "node"
              }
            ]
          }
        },
        {
          "name": "node",
          "docs": [
            "proposal.node: the io_staking Node (checked again by io_staking)"
          ],
          "writable": true,
          "relations": [
            "proposal",
            "record"
          ]
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
          "name": "slasher",
          "docs": [
            "config.slasher: this program's PDA [\"slasher\"], which signs the CPIs"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  108,
                  97,
                  115,
                  104,
                  101,
                  114
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingProgram",
          "docs": [
            "config.staking_program: io_staking"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (checked by io_staking)"
          ]
        }
      ],
      "args": [
        {
          "name": "uphold",
          "type": "bool"
        }
      ]
    },
    {
      "name": "cancel",
      "docs": [
        "Withdraws a proposal before execution; by its reporter or the admin, or by anyone once a",
        "dispute has waited past its appeal window unresolved."
      ],
      "discriminator": [
        232,
        219,
        223,
        41,
        219,
        236,
        220,
        190
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
          "name": "proposal",
          "docs": [
            "A SlashProposal, PDA [\"proposal\", node, seq]"
          ],
          "writable": true
        },
        {
          "name": "record",
          "docs": [
            "The node's NodeRecord, PDA [\"record\", node]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  99,
                  111,
                  114,
                  100
                ]
              },
              {
                "kind": "account",
                "path": "node"
              }
            ]
          }
        },
        {
          "name": "node",
          "docs": [
            "proposal.node: the io_staking Node (checked again by io_staking)"
          ],
          "writable": true,
          "relations": [
            "proposal",
            "record"
          ]
        },
        {
          "name": "authority",
          "docs": [
            "proposal.reporter or config.admin (anyone after an unresolved appeal window)"
          ],
          "signer": true
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher: this program's PDA [\"slasher\"], which signs the CPIs"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  108,
                  97,
                  115,
                  104,
                  101,
                  114
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingProgram",
          "docs": [
            "config.staking_program: io_staking"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (checked by io_staking)"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "executeSlash",
      "docs": [
        "Executes a proposal once its challenge window has passed undisputed, or after an uphold:",
        "io_staking's slash (and jail, for an offense that jails) signed by the slasher PDA.",
        "Anyone may call it; a proposal executes at most once."
      ],
      "discriminator": [
        15,
        240,
        38,
        73,
        175,
        55,
        88,
        55
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
          "name": "proposal",
          "docs": [
            "A SlashProposal, PDA [\"proposal\", node, seq]"
          ],
          "writable": true
        },
        {
          "name": "record",
          "docs": [
            "The node's NodeRecord, PDA [\"record\", node]"
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  99,
                  111,
                  114,
                  100
                ]
              },
              {
                "kind": "account",
                "path": "node"
              }
            ]
          }
        },
        {
          "name": "node",
          "docs": [
            "proposal.node: the io_staking Node (checked again by io_staking)"
          ],
          "writable": true,
          "relations": [
            "proposal",
            "record"
          ]
        },
        {
          "name": "slasher",
          "docs": [
            "config.slasher: this program's PDA [\"slasher\"], which signs the CPIs"
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  108,
                  97,
                  115,
                  104,
                  101,
                  114
                ]
              }
            ]
          },
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingProgram",
          "docs": [
            "config.staking_program: io_staking"
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakingConfig",
          "docs": [
            "io_staking's config (checked by io_staking)"
          ]
        },
        {
          "name": "stakeVault",
          "docs": [
            "io_staking's stake vault (checked by io_staking)"
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "docs": [
            "io_staking's stake mint (checked by io_staking)"
          ],
          "writable": true
        },
        {
          "name": "treasury",
          "docs": [
            "io_staking's treasury (checked by io_staking)"
          ],
          "writable": true
        },
        {
          "name": "stakeTokenProgram",
          "docs": [
            "The stake mint's token program"
          ]
        }
      ],
      "args": []
    }
  ],
  "accounts": [
    {
      "name": "slashingConfig",
      "discriminator": [
        67,
        39,
        69,
        199,
        106,
        232,
        40,
        44
      ]
    },
    {
      "name": "nodeRecord",
      "discriminator": [
        197,
        233,
        27,
        85,
        153,
        138,
        216,
        115
      ]
    },
    {
      "name": "slashProposal",
      "discriminator": [
        104,
        26,
        13,
        94,
        65,
        203,
        107,
        43
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
      "name": "reporterSet",
      "discriminator": [
        161,
        240,
        25,
        33,
        231,
        20,
        11,
        3
      ]
    },
    {
      "name": "slashProposed",
      "discriminator": [
        158,
        90,
        179,
        8,
        227,
        190,
        15,
        231
      ]
    },
    {
      "name": "slashDisputed",
      "discriminator": [
        153,
        108,
        224,
        251,
        178,
        161,
        73,
        122
      ]
    },
    {
      "name": "disputeResolved",
      "discriminator": [
        121,
        64,
        249,
        153,
        139,
        128,
        236,
        187
      ]
    },
    {
      "name": "slashCancelled",
      "discriminator": [
        30,
        217,
        21,
        135,
        62,
        236,
        194,
        221
      ]
    },
    {
      "name": "slashExecuted",
      "discriminator": [
        170,
        48,
        78,
        119,
        242,
        155,
        108,
        61
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
      "name": "invalidBps",
      "msg": "A basis-point value is zero or above 10000"
    },
    {
      "code": 6004,
      "name": "invalidDuration",
      "msg": "A duration is negative, below its minimum or above MAX_DURATION_SECS (365 days)"
    },
    {
      "code": 6005,
      "name": "paused",
      "msg": "The program is paused"
    },
    {
      "code": 6006,
      "name": "notReporter",
      "msg": "The signer is not a reporter"
    },
    {
      "code": 6007,
      "name": "reporterSetFull",
      "msg": "The reporter set is full"
    },
    {
      "code": 6008,
      "name": "alreadyReporter",
      "msg": "The key is a reporter already"
    },
    {
      "code": 6009,
      "name": "unknownOffense",
      "msg": "There is no such offense kind"
    },
    {
      "code": 6010,
      "name": "offenseCapExceeded",
      "msg": "The slash is above its offense's cap per proposal"
    },
    {
      "code": 6011,
      "name": "rollingCapExceeded",
      "msg": "The slash would push the node past the rolling cap"
    },
    {
      "code": 6012,
      "name": "tooManyProposals",
      "msg": "The node has too many proposals in the rolling window"
    },
    {
      "code": 6013,
      "name": "wrongSequence",
      "msg": "The sequence number is not the node's next"
    },
    {
      "code": 6014,
      "name": "notNodeOwner",
      "msg": "The signer does not own the node"
    },
    {
      "code": 6015,
      "name": "challengeWindowOver",
      "msg": "The challenge window has passed"
    },
    {
      "code": 6016,
      "name": "challengeWindowOpen",
      "msg": "The challenge window has not passed"
    },
    {
      "code": 6017,
      "name": "notPending",
      "msg": "The proposal is not pending"
    },
    {
      "code": 6018,
      "name": "notDisputed",
      "msg": "The proposal is not disputed"
    },
    {
      "code": 6019,
      "name": "disputeUnresolved",
      "msg": "The proposal is disputed and not resolved"
    },
    {
      "code": 6020,
      "name": "proposalClosed",
      "msg": "The proposal was already executed, cancelled or rejected"
    },
    {
      "code": 6021,
      "name": "notReporterOrAdmin",
      "msg": "Only the reporter or the admin may cancel the proposal now"
    },
    {
      "code": 6022,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6023,
      "name": "appealWindowOver",
      "msg": "The appeal window is over: the dispute has lapsed"
    }
  ],
  "types": [
    {
      "name": "slashingParams",
      "docs": [
        "Settings given at initialize and changed by update_config."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "challengeWindowSecs",
            "docs": [
              "How long the node's owner may dispute a proposal (at least MIN_CHALLENGE_WINDOW_SECS)"
            ],
            "type": "i64"
          },
          {
            "name": "appealWindowSecs",
            "docs": [
              "How long after the challenge window the admin has to resolve a dispute; then anyone may",
              "cancel the proposal (an unanswered appeal goes the owner's way)"
            ],
            "type": "i64"
          },
          {
            "name": "rollingWindowSecs",
            "docs": [
              "The window of the rolling cap"
            ],
            "type": "i64"
          },
          {
            "name": "maxRollingBps",
            "docs": [
              "The most all counted proposals created within the window may take from one node"
            ],
            "type": "u16"
          },
          {
            "name": "offenses",
            "docs": [
              "Per offense kind (OFFENSE_*)"
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "offensePolicy"
                  }
                },
                4
              ]
            }
          }
        ]
      }
    },
    {
      "name": "offensePolicy",
      "docs": [
        "What one kind of offense may cost."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxBps",
            "docs": [
              "The cap of one proposal (0: the offense is not slashable)"
            ],
            "type": "u16"
          },
          {
            "name": "jailSecs",
            "docs": [
              "How long an executed slash jails the node (0: no jail)"
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "windowEntry",
      "docs": [
        "A proposal that counts toward the rolling cap (bps 0: a free slot)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "createdAt",
            "type": "i64"
          },
          {
            "name": "bps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "slashingConfig",
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
            "name": "slasherBump",
            "type": "u8"
          },
          {
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "reporterCount",
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
            "name": "stakingProgram",
            "type": "pubkey"
          },
          {
            "name": "slasher",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "slashingParams"
              }
            }
          },
          {
            "name": "reporters",
            "type": {
              "array": [
                "pubkey",
                8
              ]
            }
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
      "name": "nodeRecord",
      "docs": [
        "One node's slashing books: its next proposal number and the proposals that count toward",
        "its rolling cap. PDA [\"record\", node]."
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
            "name": "nextSeq",
            "type": "u64"
          },
          {
            "name": "executed",
            "type": "u32"
          },
          {
            "name": "window",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "windowEntry"
                  }
                },
                16
              ]
            }
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
      "name": "slashProposal",
      "docs": [
        "One proposed slash. PDA [\"proposal\", node, seq]."
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
            "name": "status",
            "type": "u8"
          },
          {
            "name": "offense",
            "type": "u8"
          },
          {
            "name": "bps",
            "type": "u16"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "reporter",
            "type": "pubkey"
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "counterEvidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "createdAt",
            "type": "i64"
          },
          {
            "name": "challengeEndsAt",
            "type": "i64"
          },
          {
            "name": "appealEndsAt",
            "type": "i64"
          },
          {
            "name": "closedAt",
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
            "name": "stakingProgram",
            "type": "pubkey"
          },
          {
            "name": "slasher",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "slashingParams"
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
                "name": "slashingParams"
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
      "name": "reporterSet",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "reporter",
            "type": "pubkey"
          },
          {
            "name": "enabled",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "slashProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "proposal",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "reporter",
            "type": "pubkey"
          },
          {
            "name": "offense",
            "type": "u8"
          },
          {
            "name": "bps",
            "type": "u16"
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "challengeEndsAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "slashDisputed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "proposal",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "counterEvidenceHash",
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
      "name": "disputeResolved",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "proposal",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "upheld",
            "type": "bool"
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "counterEvidenceHash",
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
      "name": "slashCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "proposal",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "by",
            "type": "pubkey"
          },
          {
            "name": "evidenceHash",
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
      "name": "slashExecuted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "proposal",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "offense",
            "type": "u8"
          },
          {
            "name": "bps",
            "type": "u16"
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "jailedUntil",
            "type": "i64"
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
      "name": "slasherSeed",
      "type": "bytes",
      "value": "[115, 108, 97, 115, 104, 101, 114]"
    },
    {
      "name": "recordSeed",
      "type": "bytes",
      "value": "[114, 101, 99, 111, 114, 100]"
    },
    {
      "name": "proposalSeed",
      "type": "bytes",
      "value": "[112, 114, 111, 112, 111, 115, 97, 108]"
    },
    {
      "name": "accountVersion",
      "type": "u8",
      "value": "1"
    },
    {
      "name": "bpsDenominator",
      "type": "u64",
      "value": "10000"
    },
    {
      "name": "maxReporters",
      "type": "u8",
      "value": "8"
    },
    {
      "name": "offenseKinds",
      "type": "u8",
      "value": "4"
    },
    {
      "name": "offenseSpoofing",
      "type": "u8",
      "value": "0"
    },
    {
      "name": "offenseDataCompromise",
      "type": "u8",
      "value": "1"
    },
    {
      "name": "offenseFailedProofOfWork",
      "type": "u8",
      "value": "2"
    },
    {
      "name": "offenseDowntime",
      "type": "u8",
      "value": "3"
    },
    {
      "name": "windowEntries",
      "type": "u8",
      "value": "16"
    },
    {
      "name": "minChallengeWindowSecs",
      "type": "i64",
      "value": "3600"
    },
    {
      "name": "maxDurationSecs",
      "type": "i64",
      "value": "31536000"
    },
    {
      "name": "statusPending",
      "type": "u8",
      "value": "0"
    },
    {
      "name": "statusDisputed",
      "type": "u8",
      "value": "1"
    },
    {
      "name": "statusUpheld",
      "type": "u8",
      "value": "2"
    },
    {
      "name": "statusRejected",
      "type": "u8",
      "value": "3"
    },
    {
      "name": "statusCancelled",
      "type": "u8",
      "value": "4"
    },
    {
      "name": "statusExecuted",
      "type": "u8",
      "value": "5"
    }
  ]
};
