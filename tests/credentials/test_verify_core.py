"""The Django-free core: bitstring encoding and tamper detection on a real certificate."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Callable

import pytest

from talentbridge.credentials import selectors, services
from talentbridge.credentials.models import Certificate
from talentbridge.credentials.verify_core import MIN_LIST_BITS, bit_is_set, bitstring_decode, bitstring_encode
from tests.credentials.conftest import ON


@pytest.mark.parametrize("index", [0, 1, 7, 8, 94567, MIN_LIST_BITS - 1])
def test_bitstring_round_trips_a_set_bit(index: int) -> None:
    bits = bitstring_decode(bitstring_encode({index}))
    assert len(bits) * 8 == MIN_LIST_BITS
    assert [i for i in range(len(bits) * 8) if bit_is_set(bits, i)] == [index]


def test_bitstring_known_vector_is_msb_first_gzip_base64url_multibase() -> None:
    encoded = bitstring_encode({0, 9})
    assert encoded.startswith("u")
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw[:2] == bytes([0b1000_0000, 0b0100_0000])
    assert set(raw[2:]) == {0}


def test_bitstring_grows_past_the_minimum_length() -> None:
    bits = bitstring_decode(bitstring_encode({MIN_LIST_BITS + 3}))
    assert bit_is_set(bits, MIN_LIST_BITS + 3)


def _flip(char: str) -> str:
    return "B" if char != "B" else "C"


@pytest.mark.django_db
def test_tampering_with_any_byte_is_forged(issue: Callable[..., Certificate]) -> None:
    certificate = issue()
    trust = selectors.trust_list()
    assert services.certificate_verify(certificate.jwt, on=ON, trust_list=trust).status == "valid"
    token = certificate.jwt
    for position in range(len(token)):
        if token[position] == ".":
            continue
        tampered = token[:position] + _flip(token[position]) + token[position + 1 :]
        result = services.certificate_verify(tampered, on=ON, trust_list=trust)
        # A changed header byte may change the kid to one not trusted; that is never "valid" either.
        assert result.status in {"forged", "unknown_issuer"}, position
        assert result.claims is None, position


@pytest.mark.django_db
def test_tampering_with_payload_and_signature_bytes_is_forged_exactly(issue: Callable[..., Certificate]) -> None:
    token = issue().jwt
    header_end = token.index(".")
    for position in range(header_end + 1, len(token)):
        if token[position] == ".":
            continue
        tampered = token[:position] + _flip(token[position]) + token[position + 1 :]
        assert services.certificate_verify(tampered, on=ON).status == "forged", position


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "a.b", "é.é.é", "x" * 70_000])
def test_malformed_input_is_forged(reference: None, token: str) -> None:
    assert services.certificate_verify(token, on=ON).status == "forged"
