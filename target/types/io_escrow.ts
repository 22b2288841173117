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
        }
      ]
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
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "notUpgradeAuthority",
      "msg": "The signer is not the program's upgrade authority"
    }
  ],
  "types": [
    {
      "name": "escrowConfig",
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
            "name": "admin",
            "type": "pubkey"
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
      "name": "accountVersion",
      "type": "u8",
      "value": "1"
    }
  ]
};
