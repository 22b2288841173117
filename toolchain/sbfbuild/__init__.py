"""Builds no_std Rust crates into SBPF v0 programs: cargo, opt/llc, and our ELF linker."""
