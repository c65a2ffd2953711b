#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (valid and invalid inputs each), where jazzer-junit looks for it:
src/test/resources/<package>/<Class>Inputs/<method>/. Re-run after changing a seed here; crash files the fuzzer
adds to those folders are not touched. The key seeds come from `openssl` and are new keys on each run, so re-run it
only when a seed changes."""
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "test", "resources", "io", "jvicorn")


def write(folder, seeds):
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(path, "seed-" + name), "wb") as f:
            f.write(data)


def frame(opcode, payload, fin=True, rsv1=False, key=b"\x37\xfa\x21\x3d", masked=True, length_form=None):
    """A client frame; length_form forces a 16- or 64-bit length (non-minimal when the payload is short)."""
    b0 = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode
    n = len(payload)
    form = length_form or (7 if n < 126 else 16 if n < 65536 else 64)
    mask_bit = 0x80 if masked else 0
    if form == 7:
        head = bytes([b0, mask_bit | n])
    elif form == 16:
        head = bytes([b0, mask_bit | 126]) + struct.pack(">H", n)
    else:
        head = bytes([b0, mask_bit | 127]) + struct.pack(">Q", n)
    if not masked:
        return head + payload
    return head + key + bytes(c ^ key[i % 4] for i, c in enumerate(payload))


def deflated(message, compressor=None):
    c = compressor or zlib.compressobj(6, zlib.DEFLATED, -15)
    out = c.compress(message) + c.flush(zlib.Z_SYNC_FLUSH)
    assert out.endswith(b"\x00\x00\xff\xff")
    return out[:-4]


write("http11/codec/RequestParserFuzzTestInputs/parsesTheSameWhateverTheSplit", {
    "get": b"GET /hello?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: fuzz\r\n\r\n",
    "post-content-length": b"POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world",
    "chunked-trailers": b"POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n"
                        b"6\r\n world\r\n0\r\nX-Checksum: abc\r\nContent-Length: 9\r\n\r\n",
    "pipelined": b"GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"
                 b"GET /c HTTP/1.0\r\n\r\n",
    "leading-empty-lines": b"\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    "absolute-form": b"GET http://example.com:8080/p?q HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
    "options-asterisk": b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    "websocket-upgrade": b"GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                         b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    "expect-continue": b"PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    "bad-version": b"GET /x HTTP/1.\xce\r\nHost: a\r\n\r\n",
    "bare-lf": b"GET / HTTP/1.1\nHost: a\n\n",
    "obs-fold": b"GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  2\r\n\r\n",
    "smuggling-cl-te": b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "two-content-lengths": b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "long-chunk-size": b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                       b"00000000000000000000005\r\nhello\r\n0\r\n\r\n",
    "bad-chunk-crlf": b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
    "unterminated-trailer": b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n \r\n",
    "huge-content-length": b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    "missing-host": b"GET / HTTP/1.1\r\n\r\n",
    "control-char": b"GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n",
})

TEXT = "héllo wörld €".encode()
one_context = zlib.compressobj(6, zlib.DEFLATED, -15)
ws = {
    "text": frame(1, TEXT),
    "binary-zero-key": frame(2, bytes(range(40)), key=b"\0\0\0\0"),
    "fragmented-with-ping": frame(1, b"Hel", fin=False) + frame(9, b"ping") + frame(0, b"lo", fin=False)
                            + frame(0, b"!"),
    "close-with-reason": frame(8, struct.pack(">H", 1000) + b"bye"),
    "pong-then-empty-close": frame(10, b"") + frame(8, b""),
    "length-16": frame(2, b"x" * 200),
    "non-minimal-length": frame(2, b"abc", length_form=16),
    "length-64-msb": bytes([0x82, 0xFF]) + b"\x80" + b"\0" * 7 + b"abcd",
    "unmasked": frame(1, b"hi", masked=False),
    "reserved-opcode": frame(3, b""),
    "rsv2": bytes([0xA1, 0x80]) + b"\0\0\0\0",
    "fragmented-ping": frame(9, b"p", fin=False),
    "invalid-utf8-split": frame(1, b"\xe2\x82", fin=False) + frame(0, b"\x28"),
    "bad-close-code": frame(8, struct.pack(">H", 1005)),
    "one-byte-close": frame(8, b"\x03"),
    "continuation-first": frame(0, b"x"),
    "too-big": frame(2, b"z" * 400),
    "deflate-text": frame(1, deflated(TEXT), rsv1=True, key=b"\0\0\0\0"),
    "deflate-context": frame(1, deflated(b"abcabcabc", one_context), rsv1=True)
                       + frame(1, deflated(b"abcabcabc", one_context), rsv1=True),
    "deflate-fragmented": (lambda d: frame(2, d[:5], fin=False, rsv1=True) + frame(0, d[5:]))(
        deflated(bytes(range(100)))),
    "deflate-bomb": frame(2, deflated(b"\0" * 5000), rsv1=True, key=b"\0\0\0\0"),
    "deflate-final-block": frame(2, zlib.compressobj(6, zlib.DEFLATED, -15).compress(b"fin")
                                 + zlib.compressobj(6, zlib.DEFLATED, -15).flush(), rsv1=True),
    "deflate-corrupt": frame(1, b"\xff\xff\xff\xff", rsv1=True),
    "rsv1-on-ping": frame(9, b"", rsv1=True),
}
write("websocket/codec/MessageReaderFuzzTestInputs/readsTheSameWhateverTheSplit", ws)
write("websocket/codec/FrameDecoderFuzzTestInputs/decodesLikeTheRfcWhateverTheSplit",
      {k: v for k, v in ws.items() if not k.startswith("deflate-") or k in ("deflate-text", "deflate-fragmented")})

write("websocket/codec/Utf8ValidatorFuzzTestInputs/agreesWithTheGrammarWhateverTheSplit", {
    "ascii": b"Hello, WebSocket! {\"json\": [1, 2, 3]}",
    "every-length": "a\u00e9\u20ac\U0001F600z".encode(),
    "boundaries": "\u0080\u07ff\u0800\ud7ff\ue000\uffff\U00010000\U0010FFFF".encode(),
    "overlong-two": b"ok \xc0\xaf",
    "overlong-three": b"\xe0\x80\xaf",
    "surrogate": b"\xed\xa0\x80",
    "above-max": b"\xf4\x90\x80\x80",
    "truncated": b"abc\xe2\x82",
    "lone-continuation": b"\x80abc",
    "f5": b"\xf5\x80\x80\x80",
})


def hpack_blocks(config, *blocks):
    """An HpackDecoderFuzzTest input: the config byte (table size index | list limit index << 2), then each block
    behind its length byte."""
    out = bytes([config])
    for hex_block in blocks:
        block = bytes.fromhex(hex_block.replace(" ", ""))
        assert len(block) < 256
        out += bytes([len(block)]) + block
    return out


HPACK_C3 = ["8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"]
HPACK_C4 = ["8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"]
HPACK_C6 = ["4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad"
            " 1718 63c7 8f0b 97c8 e9ae 82ae 43d3", "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7"
            " b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07"]
write("http2/hpack/HpackDecoderFuzzTestInputs/decodesOrSaysWhy", {
    "rfc-c3-requests": hpack_blocks(0x0F, *HPACK_C3),
    "rfc-c4-requests-huffman": hpack_blocks(0x0B, *HPACK_C4),
    "rfc-c6-responses-table-256": hpack_blocks(0x0E, *HPACK_C6),
    "list-limit-64": hpack_blocks(0x03, *HPACK_C4),
    "bomb": hpack_blocks(0x07, "40 01 78 7f 50" + " 76" * 207, "be" * 200, "be" * 200),
    "size-updates": hpack_blocks(0x0F, "20 3fe11f 82", "3f45 40 01 61 01 62", "be"),
    "size-update-after-field": hpack_blocks(0x0F, "82 20"),
    "size-update-above-max": hpack_blocks(0x0D, "3f e2 1f"),
    "never-indexed": hpack_blocks(0x0F, "1008 7061 7373 776f 7264 0673 6563 7265 74"),
    "index-zero": hpack_blocks(0x0F, "80"),
    "index-past-table": hpack_blocks(0x0F, "be"),
    "integer-overflow": hpack_blocks(0x0F, "ff 81 ff ff ff 07"),
    "integer-too-long": hpack_blocks(0x0F, "ff 80 80 80 80 80 00"),
    "huffman-eos": hpack_blocks(0x0F, "41 84 ff ff ff ff"),
    "huffman-padding": hpack_blocks(0x0F, "41 82 1f ff", "41 81 18"),
    "truncated-string": hpack_blocks(0x0F, "41 05 61 62"),
})


PREFACE_SETTINGS = "000000 04 00 00000000"
write("http2/frame/Http2FrameDecoderFuzzTestInputs/decodesTheSameWhateverTheSplit", {
    name: bytes([options]) + bytes.fromhex(frames.replace(" ", "")) for name, (options, frames) in {
        "preface-only": (0x00, "505249202a20485454502f322e300d0a0d0a534d0d0a0d0a" + PREFACE_SETTINGS),
        "bad-preface": (0x00, "474554202f20485454502f312e310d0a"),
        "request": (0x01, PREFACE_SETTINGS + " 000004 08 00 00000000 00010000 000005 01 05 00000001 82868441"
                    " 000005 00 01 00000001 68656c6c6f"),
        "settings": (0x01, "000012 04 00 00000000 0001 00001000 0004 0000ffff 0005 00004000 000000 04 01 00000000"),
        "continuation": (0x01, PREFACE_SETTINGS + " 000001 01 01 00000001 82 000001 09 00 00000001 86"
                         " 000001 09 04 00000001 84"),
        "continuation-flood": (0x03, PREFACE_SETTINGS + " 000001 01 00 00000001 82" + " 000000 09 00 00000001" * 8),
        "padded-priority": (0x01, PREFACE_SETTINGS + " 00000a 01 2c 00000001 02 80000000 0f 8286 0000"
                            " 000009 00 09 00000003 03 68656c6c6f 000000"),
        "control": (0x01, PREFACE_SETTINGS + " 000008 06 00 00000000 0102030405060708 000005 02 00 00000003 00000001 0f"
                    " 000004 03 00 00000001 00000008 00000a 07 00 00000000 00000005 00000000 6869"),
        "stream-errors": (0x01, PREFACE_SETTINGS + " 000004 02 00 00000001 00000000 000004 08 00 00000001 00000000"
                          " 000005 02 00 00000003 00000003 0f"),
        "unknown-type": (0x01, PREFACE_SETTINGS + " 000003 ff 00 00000001 010203"),
        "frame-too-large": (0x05, PREFACE_SETTINGS + " 004e21 00 00 00000001"),
        "bad-setting": (0x01, "000006 04 00 00000000 0004 80000000"),
        "push-promise": (0x01, PREFACE_SETTINGS + " 000004 05 04 00000001 00000002"),
    }.items()
})

# Http2SessionFuzzTest: option bit 0 prepends the preface and an empty SETTINGS, bit 1 answers requests as they end.
GET_1 = "000011 01 05 00000001 828684410b6578616d706c652e636f6d"  # GET https / example.com, ended
POST_1 = "000011 01 04 00000001 838684410b6578616d706c652e636f6d 000003 00 01 00000001 616263"
write("http2/session/Http2SessionFuzzTestInputs/behavesTheSameWhateverTheSplit", {
    name: bytes([options]) + bytes.fromhex(frames.replace(" ", "")) for name, (options, frames) in {
        "get": (0x03, GET_1),
        "post-held": (0x01, POST_1),
        "post-answered": (0x03, POST_1),
        "control": (0x03, POST_1.replace("000003 00 01", "000003 00 00") + " 000004 03 00 00000001 00000008"
                    " 000004 08 00 00000000 00001000 000008 06 00 00000000 0102030405060708"
                    " 000005 02 00 00000003 00000000 0f"),
        "not-a-preface": (0x00, "474554202f20485454502f312e310d0a0d0a"),
    }.items()
})


V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"


def tlv(kind, value):
    return bytes([kind]) + struct.pack(">H", len(value)) + value


def proxy_v2(command, family, body):
    return V2_SIGNATURE + bytes([0x20 | command, family]) + struct.pack(">H", len(body)) + body


INET = bytes([192, 0, 2, 1, 198, 51, 100, 7]) + struct.pack(">HH", 54000, 443)
SSL = bytes([7, 0, 0, 0, 0]) + tlv(0x21, b"TLSv1.3") + tlv(0x22, b"client.example") + tlv(0x23, b"TLS_AES_128_GCM_SHA256")
# The first byte is the target's options: 0 means the input is taken as it is.
write("http11/proxy/ProxyHeaderParserFuzzTestInputs/parsesTheSameWhateverTheSplit", {
    "v1-tcp4": b"\x00PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\n\r\n",
    "v1-tcp6": b"\x00PROXY TCP6 2001:db8::1 ::1 65535 0\r\n",
    "v1-unknown": b"\x00PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n",
    "v1-bad-port": b"\x00PROXY TCP4 1.2.3.4 5.6.7.8 080 2\r\n",
    "v1-bare-lf": b"\x00PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
    "not-proxy": b"\x00GET / HTTP/1.1\r\n\r\n",
    "tls-hello": b"\x00\x16\x03\x01\x00\x05hello",
    "v2-tcp4": b"\x00" + proxy_v2(1, 0x11, INET) + b"\x16\x03\x01",
    "v2-tcp6": b"\x00" + proxy_v2(1, 0x21, bytes(15) + b"\x01" + bytes(15) + b"\x02" + struct.pack(">HH", 80, 8080)),
    "v2-unix": b"\x00" + proxy_v2(1, 0x31, b"/run/a.sock".ljust(108, b"\x00") + bytes(108)),
    "v2-local": b"\x00" + proxy_v2(0, 0x00, b""),
    "v2-tlvs": b"\x00" + proxy_v2(1, 0x11, INET + tlv(0x01, b"h2") + tlv(0x02, b"example.com") + tlv(0x04, bytes(3))
                                   + tlv(0x05, bytes(16)) + tlv(0x20, SSL) + tlv(0x03, bytes(4))),
    "v2-truncated-tlv": b"\x00" + proxy_v2(1, 0x11, INET + b"\x04\x00"),
    "v2-after-signature": b"\x01" + bytes([0x21, 0x11]) + struct.pack(">H", 12) + INET,
    "v1-after-signature": b"\x02TCP4 1.2.3.4 5.6.7.8 1 2\r\n",
})

def openssl(*args, stdin=None):
    import subprocess
    return subprocess.run(["openssl", *args], input=stdin, capture_output=True, check=True).stdout


def pem_blocks(pem):
    """[(label, der)] of a PEM text."""
    import base64
    out, label, body = [], None, []
    for line in pem.decode().splitlines():
        if line.startswith("-----BEGIN "):
            label, body = line[11:-5], []
        elif line.startswith("-----END "):
            out.append((label, base64.b64decode("".join(body))))
            label = None
        elif label is not None and ":" not in line:
            body.append(line)
    return out


# Small keys: the seeds are for structure, not strength, and a small key keeps each execution fast.
rsa = openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512")
ec = openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256")
ed = openssl("genpkey", "-algorithm", "ED25519")
rsa_pkcs1 = openssl("pkey", "-traditional", stdin=rsa)
ec_sec1 = openssl("ec", "-param_out", stdin=ec)
ec_sec1_no_curve = openssl("ec", "-param_enc", "explicit", stdin=ec)
encrypted = openssl("pkcs8", "-topk8", "-v2", "aes-128-cbc", "-iter", "1", "-passout", "pass:fuzz", stdin=ec)
legacy = openssl("ec", "-traditional", "-aes128", "-passout", "pass:fuzz", stdin=ec)
cert = openssl("req", "-new", "-x509", "-key", "/dev/stdin", "-subj", "/CN=fuzz", "-days", "1", stdin=ec)

write("server/PemTextFuzzTestInputs/readsAKeyOrSaysWhy", {
    "pkcs8-rsa": rsa,
    "pkcs8-ec-with-cert-first": cert + ec,
    "pkcs8-ed25519-crlf": ed.replace(b"\n", b"\r\n"),
    "pkcs1-rsa": rsa_pkcs1,
    "sec1-ec-with-parameters": ec_sec1,
    "sec1-explicit-curve": ec_sec1_no_curve,
    "encrypted-pkcs8": encrypted,
    "legacy-encrypted": legacy,
    "bag-attributes": b"Bag Attributes\n    localKeyID: 01\n" + rsa,
    "unterminated": rsa[:60],
    "bad-base64": b"-----BEGIN PRIVATE KEY-----\nMIIB!!!\n-----END PRIVATE KEY-----\n",
    "empty-block": b"-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
})

LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "CERTIFICATE"]


def der_seed(label, der, ec_parameters=False):
    return bytes([LABELS.index(label) | (0x80 if ec_parameters else 0)]) + der


write("server/PrivateKeyDerFuzzTestInputs/readsAKeyOrSaysWhy", {
    "pkcs8-rsa": der_seed("PRIVATE KEY", pem_blocks(rsa)[0][1]),
    "pkcs8-ec": der_seed("PRIVATE KEY", pem_blocks(ec)[0][1]),
    "pkcs8-ed25519": der_seed("PRIVATE KEY", pem_blocks(ed)[0][1]),
    "pkcs1-rsa": der_seed("RSA PRIVATE KEY", pem_blocks(rsa_pkcs1)[0][1]),
    "sec1-ec-named": der_seed("EC PRIVATE KEY", pem_blocks(ec_sec1)[-1][1]),
    "sec1-ec-after-parameters": der_seed("EC PRIVATE KEY", pem_blocks(ec_sec1)[-1][1], ec_parameters=True),
    "encrypted-pkcs8": der_seed("ENCRYPTED PRIVATE KEY", pem_blocks(encrypted)[0][1]),
    "truncated-sequence": der_seed("EC PRIVATE KEY", b"\x30\x84\xff\xff\xff\xff\x02\x01"),
    "certificate": der_seed("CERTIFICATE", pem_blocks(cert)[0][1]),
})
