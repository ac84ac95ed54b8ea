"""Fetch one URL for ingest: a URL in, a :class:`~launderlens.ingest.readers.Source` out.

Fetching is the one place where text written by adversaries makes the tool act: a
page's links and redirects are chosen by the people whose network is under study. So
only http and https are spoken; every host is resolved and its addresses checked before
any connection, and private, loopback, link-local and other internal addresses are
refused unless the caller allows them; redirects are followed by hand so that each hop
is checked the same way; bodies are capped in size and reads in time.

DNS rebinding: the name is resolved once per hop and the connection is made to the
checked address itself (the URL carries the IP; the Host header and the TLS server name
carry the original host name, and the certificate is verified against that name), so a
resolver that answers differently a second time is never asked again. What this does
not cover: a proxy configured in the environment (our own client ignores the
environment for that reason; a ``client`` passed in keeps its own settings and may
route through a proxy, which then resolves the name itself).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from .. import __version__
from ..errors import BlockedAddressError, FetchError, TooLargeError
from .readers import Source

__all__ = ["DEFAULT_MAX_BYTES", "USER_AGENT", "Fetched", "blocked_reason", "fetch",
           "fetch_if_changed", "post"]

LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = f"launderlens/{__version__} (news provenance research tool)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Checked in this order so that the message names the most specific reason.
_CATEGORIES = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_private", "private"),
    ("is_site_local", "site-local"),
    ("is_reserved", "reserved"),
)


def fetch(url: str, *, allow_private: bool = False, timeout: float = 20.0,
          max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5,
          client: httpx.Client | None = None) -> Source:
    """Fetch ``url`` and return its body as a Source named by the URL asked for.

    ``Source.url`` is the address after redirects and ``Source.content_type`` the
    response's Content-Type. Raises BlockedAddressError for an address refused by
    default, TooLargeError past ``max_bytes``, FetchError for everything else that
    keeps the page from arriving.
    """
    result = fetch_if_changed(url, allow_private=allow_private, timeout=timeout,
                              max_bytes=max_bytes, max_redirects=max_redirects, client=client)
    if result.source is None:  # a 304 that no validator asked for
        raise FetchError(f"HTTP 304 Not Modified from {url} to an unconditional request")
    return result.source


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a conditional GET brought: the body (None when the server answered 304 Not
    Modified) and the validators to send next time."""

    source: Source | None
    etag: str | None
    last_modified: str | None


def fetch_if_changed(url: str, *, etag: str | None = None, last_modified: str | None = None,
                     allow_private: bool = False, timeout: float = 20.0,
                     max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5,
                     client: httpx.Client | None = None) -> Fetched:
    """:func:`fetch` with ``If-None-Match`` / ``If-Modified-Since`` from the validators of
    the last answer; a 304 costs no body. Same checks, caps and errors as :func:`fetch`."""
    headers = {name: value for name, value in (("If-None-Match", etag),
                                               ("If-Modified-Since", last_modified)) if value}
    with _client(client) as using:
        return _follow(using, url, allow_private=allow_private, timeout=timeout,
                       max_bytes=max_bytes, max_redirects=max_redirects, headers=headers)


@contextmanager
def _client(given: httpx.Client | None) -> Iterator[httpx.Client]:
    """The caller's client, or our own one closed afterwards."""
    if given is not None:
        yield given
        return
    # trust_env=False: a proxy from the environment would resolve names itself,
    # out of reach of the address check.
    with httpx.Client(trust_env=False, headers={"User-Agent": USER_AGENT}) as own:
        yield own


def _follow(client: httpx.Client, url: str, *, allow_private: bool, timeout: float,
            max_bytes: int, max_redirects: int, headers: Mapping[str, str]) -> Fetched:
    current = _parse_url(url)
    for _ in range(max_redirects + 1):
        addresses = _checked_addresses(current, allow_private)
        response = _send(client, current, addresses, timeout, headers)
        try:
            validators = (response.headers.get("ETag"), response.headers.get("Last-Modified"))
            if response.status_code == 304 and headers:
                return Fetched(None, validators[0] or headers.get("If-None-Match"),
                               validators[1] or headers.get("If-Modified-Since"))
            location = _redirect_target(response, current)
            if location is None:
                body = _read_body(response, current, max_bytes, timeout)
                source = Source.from_bytes(name=url, data=body, url=str(current),
                                           content_type=response.headers.get("Content-Type"))
                return Fetched(source, *validators)
        finally:
            response.close()
        LOGGER.debug("redirect %s -> %s", current, location)
        current = location
    raise FetchError(f"more than {max_redirects} redirects (the last to {current})")


def post(url: str, body: bytes, *, headers: Mapping[str, str], allow_private: bool = False,
         timeout: float = 10.0, client: httpx.Client | None = None) -> int:
    """POST ``body`` to ``url`` under the same address checks as :func:`fetch` (a webhook
    a user names); the response status. Redirects are not followed (a 3xx is returned);
    FetchError when the request cannot be made."""
    current = _parse_url(url)
    addresses = _checked_addresses(current, allow_private)
    with _client(client) as using:
        response = _send(using, current, addresses, timeout, headers,
                         method="POST", content=body)
        response.close()
        return response.status_code


def _parse_url(url: str | httpx.URL) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as err:
        raise FetchError(f"invalid URL {str(url)!r}: {err}") from None
    if parsed.scheme not in _SCHEMES:
        raise FetchError(f"only http and https URLs can be fetched, not "
                         f"{parsed.scheme or 'no scheme'!r}: {url}")
    if not parsed.raw_host:
        raise FetchError(f"no host name in URL {str(url)!r}")
    return parsed


def _checked_addresses(url: httpx.URL, allow_private: bool) -> list[IPAddress]:
    """The host's addresses, or BlockedAddressError if any of them is refused.

    All of them are checked, not only the one used: a name that resolves to a public
    and an internal address at once is a rebinding setup, not a news site.
    """
    host = url.raw_host.decode("ascii")
    addresses = _resolve(host, url.port or (443 if url.scheme == "https" else 80))
    if allow_private:
        return addresses
    for address in addresses:
        reason = blocked_reason(address)
        if reason is not None:
            said = f"{host} is" if host == str(address) else f"{host} resolves to {address},"
            raise BlockedAddressError(
                f"{said} {_article_for(reason)} {reason} address; fetching it is refused "
                "(allow_private / --allow-private permits it)")
    return addresses


def _article_for(word: str) -> str:
    """"an" before the reasons that start with a vowel ("an unspecified address")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"cannot resolve {host}: {getattr(err, 'strerror', None) or err}") \
            from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]))
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no addresses")
    return addresses


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` is not contacted by default ("loopback", ...), or None if public.

    IPv6 forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64) are judged by
    the IPv4 address inside, which is where the packets end up.
    """
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = blocked_reason(embedded)
        if reason is not None:
            return f"{reason} (inside {address})"
        if isinstance(address, ipaddress.IPv6Address) and (
                address.ipv4_mapped is not None or address in _NAT64):
            return None  # a plain public IPv4 address written the IPv6 way
    for attribute, label in _CATEGORIES:
        if getattr(address, attribute, False):
            return label
    # is_global also excludes ranges none of the flags above name, such as the
    # carrier-grade NAT space 100.64.0.0/10.
    return None if address.is_global else "non-public"


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    return address.teredo[1] if address.teredo is not None else None


def _send(client: httpx.Client, url: httpx.URL, addresses: list[IPAddress],
          timeout: float, extra: Mapping[str, str], *, method: str = "GET",
          content: bytes | None = None) -> httpx.Response:
    """Connect to the first checked address that accepts, never to the name; the
    response is streamed (its body unread) and the caller closes it."""
    refused: httpx.ConnectError | None = None
    for address in addresses:
        request = _pinned_request(client, url, address, timeout, extra, method, content)
        try:
            return client.send(request, stream=True, follow_redirects=False)
        except httpx.ConnectError as err:
            refused = err
        except httpx.HTTPError as err:
            raise _transport_error(err, url, timeout) from None
    raise FetchError(f"cannot connect to {_host(url)}: {refused}")


def _pinned_request(client: httpx.Client, url: httpx.URL, address: IPAddress,
                    timeout: float, extra: Mapping[str, str], method: str = "GET",
                    content: bytes | None = None) -> httpx.Request:
    host = url.raw_host.decode("ascii")
    extensions: dict[str, str] = {}
    if url.scheme == "https" and host != str(address):
        # The TLS server name, and so the name the certificate must carry, stays the
        # host name although the URL now holds the address.
        extensions["sni_hostname"] = host
    # Connection: close, because the pool keys connections by address alone: a kept-alive
    # TLS connection to a CDN address could otherwise carry a request for another host
    # whose certificate was never checked.
    headers = {**extra, "Host": url.netloc.decode("ascii"), "Connection": "close"}
    return client.build_request(method, url.copy_with(host=str(address)), headers=headers,
                                content=content, extensions=extensions,
                                timeout=httpx.Timeout(timeout))


def _redirect_target(response: httpx.Response, current: httpx.URL) -> httpx.URL | None:
    """The next URL for a redirect, None for a 2xx; FetchError for any other status."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    if status in _REDIRECTS:
        location = response.headers.get("Location")
        if not location:
            raise FetchError(f"HTTP {status} redirect with no Location from {current}")
        try:
            target = current.join(location)
        except httpx.InvalidURL as err:
            raise FetchError(f"HTTP {status} redirect to an invalid URL {location!r}: {err}") \
                from None
        return _parse_url(target)
    reason = response.reason_phrase or ""
    raise FetchError(f"HTTP {status} {reason} from {current}".replace("  ", " "))


def _read_body(response: httpx.Response, url: httpx.URL, max_bytes: int,
               timeout: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLargeError(f"{url} is {_mb(int(declared))}, over the {_mb(max_bytes)} limit "
                            "for a fetched page")
    chunks: list[bytes] = []
    size = 0
    for chunk in _timed_chunks(response, url, timeout):
        size += len(chunk)
        if size > max_bytes:
            raise TooLargeError(f"{url} sent more than the {_mb(max_bytes)} limit for a "
                                "fetched page")
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_chunks(response: httpx.Response, url: httpx.URL, timeout: float) -> Iterator[bytes]:
    """The decoded body, within ``timeout`` for the whole of it.

    httpx's read timeout is per read: a server that drips one byte just inside it
    would otherwise hold the ingest forever.
    """
    deadline = time.monotonic() + timeout
    try:
        for chunk in response.iter_bytes():
            yield chunk
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {timeout:g} s reading the body from "
                                 f"{_host(url)}")
    except httpx.HTTPError as err:
        raise _transport_error(err, url, timeout) from None


def _transport_error(err: httpx.HTTPError, url: httpx.URL, timeout: float) -> FetchError:
    host = _host(url)
    if isinstance(err, httpx.ConnectTimeout):
        return FetchError(f"timed out after {timeout:g} s connecting to {host}")
    if isinstance(err, httpx.ReadTimeout):
        return FetchError(f"timed out after {timeout:g} s waiting for {host}")
    if isinstance(err, httpx.TimeoutException):
        return FetchError(f"timed out after {timeout:g} s talking to {host}")
    if isinstance(err, httpx.DecodingError):
        return FetchError(f"{host} sent a body that cannot be decompressed: {err}")
    return FetchError(f"fetching {url} failed: {err or type(err).__name__}")


def _host(url: httpx.URL) -> str:
    return url.raw_host.decode("ascii")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
