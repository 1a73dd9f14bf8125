"""Which URLs the crawler may fetch: one policy for every way a URL enters.

A crawler pointed at the open web follows what hostile pages give it: a feed item or a
sitemap `<loc>` with `file:///etc/passwd`, a link to `http://169.254.169.254/latest/meta-data/`
(a cloud's metadata service), a redirect to a router's admin page on 192.168.1.1. The policy
is the same for sources, ad hoc start points, links, feed items, sitemap entries, redirects
and `ingest fetch` (docs/security.md):

- only `http` and `https` (`blocked_scheme`);
- no host that resolves to a loopback or private address unless the user allows them
  (`--allow-private`: the demo and the tests serve on 127.0.0.1), and never a link-local,
  multicast, reserved or unspecified one (`blocked_address`): the metadata services live there;
- a redirect stays on the site it started on (the same registered domain and port), or goes
  where the story's source allows (`offsite_redirect`).

Resolution is the caller's (the crawler resolves asynchronously, `ingest fetch` with
`socket`), so this module stays free of I/O and is the same on both paths.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ingest.core.errors import FetchError
from ingest.core.urls import registered_domain

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(FetchError):
    """The policy refuses the URL; `reason` is blocked_scheme, blocked_address or
    offsite_redirect, and nothing was requested from it."""


def port_of(url: str) -> int | None:
    """The port `url` names, None when it is its scheme's default or missing (http on 80 and
    https on 443 are one site's two doors); -1 when it is no port at all."""
    split = urlsplit(url.strip())
    try:
        port = split.port
    except ValueError:  # out of range, or not a number
        return -1
    return None if port == DEFAULT_PORTS.get(split.scheme.lower()) else port


def _parts(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of `url`, lower-cased (`port_of`). Raises Refused for anything
    but an http(s) URL with a host and a valid port."""
    split = urlsplit(url.strip())
    scheme, host, port = split.scheme.lower(), (split.hostname or ""), port_of(url)
    if scheme not in SCHEMES or not host or port == -1:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise Refused("blocked_scheme", f"{shown} URLs are never fetched: {url}")
    return scheme, host.lower().rstrip("."), port


def host_of(url: str) -> str:
    """The host to resolve for `url` (after `check_scheme`)."""
    return _parts(url)[1]


def literal_address(host: str) -> Address | None:
    """The address a host names literally ("127.0.0.1", "[::1]"), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _kind(address: Address) -> str | None:
    """Why an address is not on the public internet: None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_private or not address.is_global:
        return "reserved" if address.is_reserved else "private"
    return None


NEVER = {"link-local", "multicast", "unspecified", "reserved"}
"""Address kinds refused even with --allow-private: no news site is served from them, and
the cloud metadata services (169.254.169.254, fd00:ec2::254's link-local twin) are."""


def site_key(url: str) -> tuple[str, int | None]:
    """What a redirect must keep: the registered domain and the port (http -> https on the
    default ports stays on the site; another port is another server)."""
    _, host, port = _parts(url)
    return registered_domain(f"http://{host}/") or host, port


@dataclass(frozen=True, slots=True)
class UrlPolicy:
    """The crawler's URL policy; `allow_private` lets loopback and private addresses in."""

    allow_private: bool = False

    def check_scheme(self, url: str) -> None:
        """Refuse anything but an absolute http(s) URL with a host."""
        _parts(url)

    def check_addresses(self, url: str, addresses: Iterable[str | Address]) -> None:
        """Refuse the URL when any address its host resolves to may not be fetched (a name
        resolving to a public and a private address is refused: DNS rebinding uses that)."""
        for value in addresses:
            address = ipaddress.ip_address(value) if isinstance(value, str) else value
            kind = _kind(address)
            if kind is None or (self.allow_private and kind not in NEVER):
                continue
            advice = "" if kind in NEVER else " (--allow-private allows it)"
            raise Refused("blocked_address",
                          f"{host_of(url)} is a {kind} address ({address}){advice}: {url}")

    def check(self, url: str, resolve: Callable[[str], list[str]] | None = None) -> None:
        """Refuse `url` by scheme, then by the addresses of its host (`resolve`: host ->
        addresses; default `resolve_host`)."""
        host = host_of(url)
        literal = literal_address(host)
        self.check_addresses(url, [literal] if literal else (resolve or resolve_host)(host))

    def check_redirect(self, first: str, target: str,
                       allows: Callable[[str], bool] | None = None) -> None:
        """Refuse a redirect from the chain that began at `first` to `target` when it leaves
        the site (`site_key`) and the story's source does not allow the target (`allows`)."""
        self.check_scheme(target)
        if site_key(target) == site_key(first) or (allows is not None and allows(target)):
            return
        raise Refused("offsite_redirect", f"{first} redirected off its site to {target}")


def resolve_host(host: str) -> list[str]:
    """The addresses `host` resolves to; none when it does not resolve (the fetch then fails
    on its own, as `connection_error`)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]).split("%", 1)[0] for info in infos]
