"""Where a tenant-configured host may be reached: never loopback, private, link-local,
unique-local, shared (CGNAT), multicast, reserved or unspecified addresses, nor a cloud
metadata service, unless the operator allows private destinations
(`SWITCHBOARD_ALLOW_PRIVATE_OUTBOUND`, for development against local servers). Metadata
addresses stay refused even then.

The check is resolve-then-connect: every address a name resolves to is checked, and the
sender connects to the checked address itself (keeping the name for TLS), so a second DNS
answer (rebinding) cannot send the connection elsewhere."""

from __future__ import annotations

import asyncio
import socket
import ssl
from ipaddress import IPv4Address, IPv6Address, IPv6Network, ip_address

IPAddress = IPv4Address | IPv6Address

# Instance metadata services (AWS, AWS ECS, AWS IPv6, GCP and Azure IMDS share the first;
# Alibaba, Azure's wire server, Oracle). Most are not global anyway; two of them are.
METADATA = frozenset(
    ip_address(a)
    for a in (
        "169.254.169.254",
        "169.254.170.2",
        "fd00:ec2::254",
        "100.100.100.200",
        "168.63.129.16",
        "192.0.0.192",
    )
)
NAT64 = IPv6Network("64:ff9b::/96")
LOOPBACK_NAMES = ("localhost", ".localhost")  # RFC 6761: always loopback
NOT_ALLOWED = "destination address not allowed"


class DestinationNotAllowed(Exception):
    """The host is (or resolves to) an address that tenants may not reach."""

    def __init__(self) -> None:
        super().__init__(NOT_ALLOWED)


def _embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, NAT64), judged in its place."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_allowed(address: IPAddress, *, allow_private: bool) -> bool:
    """Whether a tenant's connection may go to this address."""
    target: IPAddress = address
    if isinstance(address, IPv6Address):
        address = IPv6Address(int(address))  # without a zone, so it compares equal to the lists
        target = _embedded_ipv4(address) or address
    if address in METADATA or target in METADATA:
        return False
    if allow_private:
        return True
    return target.is_global and not (target.is_multicast or target.is_reserved or target.is_unspecified)


def literal_address(host: str) -> IPAddress | None:
    """The address a host names without DNS: an IP literal (also `[v6]` and the legacy IPv4
    forms resolvers accept, e.g. `127.1` or `0x7f000001`), or loopback for `localhost`."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == LOOPBACK_NAMES[0] or name.endswith(LOOPBACK_NAMES[1]):
        return IPv4Address("127.0.0.1")
    try:
        return ip_address(name)
    except ValueError:
        pass
    if name and all(c in "0123456789abcdefx." for c in name):
        try:
            return IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return None


async def checked_address(host: str, port: int, *, allow_private: bool) -> IPAddress:
    """The address to connect to for `host`; raises DestinationNotAllowed if any address the
    name resolves to is refused (a name may not mix public and internal answers), or
    socket.gaierror if it does not resolve."""
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(ip_address(info[4][0]) for info in infos))
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, "no address")
    if not all(address_allowed(a, allow_private=allow_private) for a in addresses):
        raise DestinationNotAllowed
    return addresses[0]


async def connected_socket(address: IPAddress, port: int) -> socket.socket:
    """A non-blocking TCP socket connected to exactly this address (bound the wait with
    `asyncio.timeout`)."""
    family = socket.AF_INET6 if isinstance(address, IPv6Address) else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        await asyncio.get_running_loop().sock_connect(sock, (str(address), port))
    except BaseException:
        sock.close()
        raise
    return sock


def network_reason(exc: BaseException) -> str:
    """A short classified reason for a connection failure; never the exception's text, which
    can carry what a remote host said."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DestinationNotAllowed):
            return NOT_ALLOWED
        if isinstance(seen, socket.gaierror):
            return "host name did not resolve"
        if isinstance(seen, TimeoutError):
            return "timed out"
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, ssl.SSLCertVerificationError):
            return "TLS certificate not valid for the host"
        if isinstance(seen, ssl.SSLError):
            return "TLS handshake failed"
        seen = seen.__cause__ or seen.__context__
    return "connection failed"
