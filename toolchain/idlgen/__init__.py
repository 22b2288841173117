"""Generates the Rust interface, the IDLs and the anchorpy client from programs/*/idl.json."""
