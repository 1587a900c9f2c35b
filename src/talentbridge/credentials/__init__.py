"""Verifiable certificates: issuer keys, W3C Verifiable Credentials as JWT (Ed25519), status lists, trust lists."""
