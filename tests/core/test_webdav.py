"""WebDAV transfer of packages, against a real WsgiDAV server on loopback.

Every request goes through a small TCP proxy that counts the bytes each way and can cut the
connection after a given number of bytes, like a train entering a tunnel; a WSGI middleware
records each request (method, path, Range, body bytes in and out) and can answer an error.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from cheroot import wsgi
from pydantic import ValidationError
from wsgidav.wsgidav_app import WsgiDAVApp

from auditor_app.package.webdav import (
    RemoteFile,
    TransferCancelled,
    WebDavConfig,
    WebDavError,
    _parse_multistatus,
    download,
    list_packages,
    upload,
)

USER = "claire"
PASSWORD = "mot-de-passe-solide"
KIB = 1024
MIB = 1024 * KIB

# --- a WSGI middleware that records requests ---------------------------------------------------


@dataclass
class Record:
    method: str
    path: str
    range: str | None
    if_range: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    status: int | None = None
    finished: bool = False


class _CountingInput:
    """The request body, counted. A cut connection reads as the end of the body.

    WsgiDAV's PUT closes the file it writes only when reading the body succeeds: on a reset
    it leaves it open (a ResourceWarning later, and a buffer flushed over the next upload of
    the same file). Ending the body instead keeps the short file, as a real server does.
    """

    def __init__(self, stream: Any, record: Record) -> None:
        self._stream = stream
        self._record = record

    def read(self, *args: Any) -> bytes:
        try:
            data: bytes = self._stream.read(*args)
        except OSError:
            data = b""
        self._record.bytes_in += len(data)
        return data

    def readline(self, *args: Any) -> bytes:
        data: bytes = self._stream.readline(*args)
        self._record.bytes_in += len(data)
        return data


class _CountingBody:
    def __init__(self, body: Iterable[bytes], record: Record, done: threading.Condition) -> None:
        self._body = body
        self._record = record
        self._done = done

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._body:
            self._record.bytes_out += len(chunk)
            yield chunk

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            with self._done:
                self._record.finished = True
                self._done.notify_all()


class Recorder:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.records: list[Record] = []
        self.answer: Callable[[str, str], str | None] = lambda method, path: None
        self._done = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8")
        record = Record(
            environ["REQUEST_METHOD"], path, environ.get("HTTP_RANGE"), environ.get("HTTP_IF_RANGE")
        )
        self.records.append(record)
        forced = self.answer(record.method, path)
        if forced is not None:
            record.status = int(forced.split()[0])
            record.finished = True
            start_response(forced, [("Content-Length", "0")])
            return [b""]

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            record.status = int(status.split()[0])
            return start_response(status, headers, exc_info)

        environ["wsgi.input"] = _CountingInput(environ["wsgi.input"], record)
        return _CountingBody(self.app(environ, recording_start_response), record, self._done)

    def settle(self) -> None:
        """Wait until the server has finished every request (a cut one included)."""
        with self._done:
            assert self._done.wait_for(lambda: all(r.finished for r in self.records), 10)

    def clear(self) -> None:
        self.settle()
        self.records.clear()

    def puts(self, marker: str = ".parts/") -> list[Record]:
        return [r for r in self.records if r.method == "PUT" and marker in r.path]


# --- a TCP proxy that counts bytes and cuts connections ----------------------------------------


class _Link:
    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self.pumps_left = 2
        self.lock = threading.Lock()

    def shut(self) -> None:
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def pump_finished(self) -> None:
        with self.lock:
            self.pumps_left -= 1
            last = self.pumps_left == 0
        if last:
            self.client.close()
            self.upstream.close()


class CutProxy:
    """Forwards loopback connections to ``upstream_port``; ``cut_after`` arms one cut."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.sent = {"up": 0, "down": 0}
        self.cuts = 0
        self._cut: tuple[str, int] | None = None
        self._lock = threading.Lock()
        self._links: list[_Link] = []
        self._threads: list[threading.Thread] = []
        self._closing = False
        self._spawn(self._accept)

    def cut_after(self, direction: str, count: int) -> None:
        """Cut the connection carrying byte ``count`` (from now) in ``direction``."""
        with self._lock:
            self._cut = (direction, self.sent[direction] + count)

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self._closing:
                client.close()
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            for sock in (client, upstream):  # no Nagle delay on each forwarded request
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, upstream)
            self._links.append(link)
            self._spawn(self._pump, link, client, upstream, "up")
            self._spawn(self._pump, link, upstream, client, "down")

    def _pump(self, link: _Link, source: socket.socket, target: socket.socket, way: str) -> None:
        try:
            while True:
                try:
                    data = source.recv(64 * KIB)
                except OSError:
                    break
                if not data:
                    with contextlib.suppress(OSError):
                        target.shutdown(socket.SHUT_WR)
                    break
                cut = False
                with self._lock:
                    if self._cut is not None and self._cut[0] == way:
                        allowed = self._cut[1] - self.sent[way]
                        if len(data) >= allowed:
                            data, cut = data[: max(allowed, 0)], True
                            self._cut = None
                            self.cuts += 1
                    self.sent[way] += len(data)
                try:
                    target.sendall(data)
                except OSError:
                    break
                if cut:
                    # An upload is cut hard (reset): the client must fail while sending. A
                    # download ends early (FIN): the client reads what was sent, then the end.
                    for sock in (link.client, link.upstream) if way == "up" else ():
                        sock.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                        )
                    link.shut()
                    break
        finally:
            link.pump_finished()

    def close(self) -> None:
        self._closing = True
        # Closing a listening socket does not wake a thread blocked in accept(): a last
        # connection does.
        socket.create_connection(("127.0.0.1", self.port)).close()
        self.listener.close()
        for link in self._links:
            link.shut()
        for thread in self._threads:
            thread.join(5)


# --- the server fixture ------------------------------------------------------------------------


@dataclass
class DavServer:
    root: Path
    folder: Path  # the exchange folder, /audits/ on the server
    recorder: Recorder
    proxy: CutProxy
    config: WebDavConfig

    def with_config(self, **changes: Any) -> WebDavConfig:
        return WebDavConfig(**(self.config.model_dump() | changes))

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.proxy.port}/audits/{path}"


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[DavServer]:
    root = tmp_path / "server"
    folder = root / "audits"
    folder.mkdir(parents=True)
    app = WsgiDAVApp(
        {
            "provider_mapping": {"/": str(root)},
            "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
            "http_authenticator": {
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
            },
            "dir_browser": {"enable": False},
            "verbose": 0,
            "logging": {"enable": False},
        }
    )
    recorder = Recorder(app)
    server = wsgi.Server(("127.0.0.1", 0), recorder, numthreads=8, shutdown_timeout=2)
    server.expiration_interval = 0.05  # how often serve() looks up: a quick stop()
    server.prepare()
    upstream_port = server.bind_addr[1]
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    proxy = CutProxy(upstream_port)
    config = WebDavConfig(
        base_url=f"http://127.0.0.1:{proxy.port}/audits/",
        username=USER,
        password=PASSWORD,
        timeout=5,
    )
    try:
        yield DavServer(root, folder, recorder, proxy, config)
    finally:
        proxy.close()
        server.stop()
        thread.join(10)
        assert not thread.is_alive()


# --- helpers -----------------------------------------------------------------------------------


def _random_file(path: Path, size: int, seed: int) -> bytes:
    data = random.Random(seed).randbytes(size)
    path.write_bytes(data)
    return data


def _server_parts(dav: DavServer, name: str) -> dict[str, int]:
    """Part name → size, for every upload of ``name`` on the server's disk."""
    folder = dav.folder / f".{name}.parts"
    if not folder.exists():
        return {}
    return {
        f"{upload.name}/{part.name}": part.stat().st_size
        for upload in folder.iterdir()
        for part in upload.iterdir()
    }


def _cancel_after(
    limit: int, label_start: str
) -> tuple[Callable[[int, int, str], None], Callable[[], bool]]:
    """A progress callback and a ``cancelled`` that fires once ``limit`` bytes moved."""
    state = {"done": 0}

    def progress(done: int, total: int, label: str) -> None:
        if label.startswith(label_start):
            state["done"] = done

    return progress, lambda: state["done"] >= limit


# --- configuration ------------------------------------------------------------------------------


def test_config_normalises_the_address_and_names_the_wrong_field() -> None:
    config = WebDavConfig(
        base_url=" https://Cloud.Example.fr/remote.php/dav/files/claire/Audits 2024 "
    )
    assert config.base_url == "https://cloud.example.fr/remote.php/dav/files/claire/Audits%202024/"
    assert "mot-de-passe" not in repr(
        WebDavConfig(base_url="https://x.fr/", password="mot-de-passe")
    )

    with pytest.raises(ValidationError) as bad_url:
        WebDavConfig(base_url="ftp://cloud.example.fr/audits/")
    assert bad_url.value.errors()[0]["loc"] == ("base_url",)
    assert "https://" in str(bad_url.value)

    with pytest.raises(ValidationError) as bad_timeout:
        WebDavConfig(base_url="https://cloud.example.fr/", timeout=0)
    assert bad_timeout.value.errors()[0]["loc"] == ("timeout",)

    with pytest.raises(ValidationError) as with_password:
        WebDavConfig(base_url="https://claire:secret@cloud.example.fr/")
    assert with_password.value.errors()[0]["loc"] == ("base_url",)


# --- round trip --------------------------------------------------------------------------------


def test_round_trip_of_a_20_mb_package_is_byte_identical(dav: DavServer, tmp_path: Path) -> None:
    name = "audit-2024-region.spaudit"
    data = _random_file(tmp_path / name, 20 * MIB + 12_345, seed=1)
    sent: list[tuple[int, int, str]] = []

    remote = upload(dav.config, tmp_path / name, progress=lambda *a: sent.append(a))

    assert remote == RemoteFile(name, len(data), remote.modified, remote.etag, chunked=True)
    assert remote.modified is not None and remote.etag
    assert list_packages(dav.config) == [remote]
    assert not (dav.folder / name).exists()  # stored as parts and an index, never half a file
    assert sorted(_server_parts(dav, name).values()) == [len(data) - 16 * MIB, 8 * MIB, 8 * MIB]
    uploads = [p for p in sent if p[2] == f"Envoi de {name}"]
    assert uploads[-1][:2] == (len(data), len(data))
    assert [p[0] for p in uploads] == sorted(p[0] for p in uploads)

    received: list[tuple[int, int, str]] = []
    dest = tmp_path / "lead" / name
    assert download(dav.config, name, dest, progress=lambda *a: received.append(a)) == dest
    assert dest.read_bytes() == data
    assert sorted(p.name for p in dest.parent.iterdir()) == [name]  # no .part left behind
    assert (len(data), len(data), f"Téléchargement de {name}") in received


def test_a_plain_package_sent_by_another_tool_is_listed_and_downloaded(
    dav: DavServer, tmp_path: Path
) -> None:
    data = random.Random(2).randbytes(300 * KIB)
    response = requests.put(
        dav.url("Mairie%20d%27%C3%89vry.spaudit"), data=data, auth=(USER, PASSWORD), timeout=5
    )
    assert response.status_code == 201
    (dav.folder / "notes.txt").write_text("pas un paquet")
    (dav.folder / ".cache.spaudit").write_bytes(b"hidden")
    (dav.folder / "sous-dossier.spaudit").mkdir()

    [remote] = list_packages(dav.config)

    assert (remote.name, remote.size, remote.chunked) == ("Mairie d'Évry.spaudit", len(data), False)
    dest = download(dav.config, remote.name, tmp_path / "recu.spaudit")
    assert dest.read_bytes() == data


def test_a_new_upload_under_the_same_name_replaces_the_older_versions(
    dav: DavServer, tmp_path: Path
) -> None:
    name = "audit.spaudit"
    (dav.folder / name).write_bytes(b"an older plain package")
    for version in ("v1", "v2"):
        (tmp_path / version).mkdir()
    _random_file(tmp_path / "v1" / name, 200 * KIB, seed=3)
    upload(dav.config, tmp_path / "v1" / name, chunk_size=64 * KIB)
    second = _random_file(tmp_path / "v2" / name, 150 * KIB, seed=4)

    remote = upload(dav.config, tmp_path / "v2" / name, chunk_size=64 * KIB)

    assert list_packages(dav.config) == [remote]
    assert remote.size == len(second)
    assert not (dav.folder / name).exists()
    assert len({key.split("/")[0] for key in _server_parts(dav, name)}) == 1
    assert download(dav.config, name, tmp_path / "lead.spaudit").read_bytes() == second


# --- interrupted uploads -----------------------------------------------------------------------


def test_cancelled_upload_resumes_sending_only_the_missing_parts(
    dav: DavServer, tmp_path: Path
) -> None:
    name = "audit.spaudit"
    chunk = 256 * KIB
    data = _random_file(tmp_path / name, 10 * chunk + 1000, seed=5)
    progress, cancelled = _cancel_after(3 * chunk, "Envoi")

    with pytest.raises(TransferCancelled):
        upload(
            dav.config, tmp_path / name, chunk_size=chunk, progress=progress, cancelled=cancelled
        )

    assert sorted(_server_parts(dav, name).values()) == [chunk] * 3
    assert list_packages(dav.config) == []
    dav.recorder.clear()

    upload(dav.config, tmp_path / name, chunk_size=chunk)

    resent = dav.recorder.puts()
    assert sorted(r.path.rsplit("/", 1)[1] for r in resent) == [f"{i:06d}" for i in range(3, 11)]
    assert sum(r.bytes_in for r in resent) == len(data) - 3 * chunk
    assert download(dav.config, name, tmp_path / "lead.spaudit").read_bytes() == data


def test_upload_cut_mid_part_resumes_without_resending_what_arrived(
    dav: DavServer, tmp_path: Path
) -> None:
    name = "audit.spaudit"
    chunk = 512 * KIB
    data = _random_file(tmp_path / name, 8 * chunk + 777, seed=6)
    dav.proxy.cut_after("up", 3 * chunk + chunk // 2)  # in the middle of the fourth part

    with pytest.raises(WebDavError) as cut:
        upload(dav.config, tmp_path / name, chunk_size=chunk)

    assert dav.proxy.cuts == 1
    assert cut.value.resumable
    assert "reprendre" in str(cut.value)
    dav.recorder.clear()
    on_server = _server_parts(dav, name)
    whole = {key for key, size in on_server.items() if size == chunk}
    assert len(whole) == 3  # parts 0-2 arrived whole; part 3 is missing or short
    assert not (dav.folder / name).exists() and list_packages(dav.config) == []
    dav.recorder.clear()
    bytes_before = dav.proxy.sent["up"]

    upload(dav.config, tmp_path / name, chunk_size=chunk)

    resent = dav.recorder.puts()
    assert not {r.path.split(".parts/")[1] for r in resent} & whole
    missing = len(data) - 3 * chunk
    assert sum(r.bytes_in for r in resent) == missing
    assert missing <= dav.proxy.sent["up"] - bytes_before < missing + 32 * KIB
    assert download(dav.config, name, tmp_path / "lead.spaudit").read_bytes() == data


def test_the_package_name_appears_only_once_the_upload_is_complete(
    dav: DavServer, tmp_path: Path
) -> None:
    name = "audit.spaudit"
    _random_file(tmp_path / name, 600 * KIB, seed=7)
    seen: list[list[RemoteFile]] = []

    def progress(done: int, total: int, label: str) -> None:
        if label.startswith("Envoi") and done < total:
            assert not (dav.folder / name).exists()
            assert not (dav.folder / f"{name}.index.json").exists()
            seen.append(list_packages(dav.config))

    dav.proxy.cut_after("up", 400 * KIB)
    with pytest.raises(WebDavError):
        upload(dav.config, tmp_path / name, chunk_size=64 * KIB, progress=progress)
    assert list_packages(dav.config) == []
    upload(dav.config, tmp_path / name, chunk_size=64 * KIB, progress=progress)

    assert len(seen) > 5 and all(listing == [] for listing in seen)
    assert [p.name for p in list_packages(dav.config)] == [name]
    assert not any(r.method == "PUT" and r.path.endswith(f"/{name}") for r in dav.recorder.records)


# --- interrupted downloads ---------------------------------------------------------------------


@pytest.mark.parametrize("form", ["plain", "chunked"])
def test_download_cut_mid_way_resumes_with_range(dav: DavServer, tmp_path: Path, form: str) -> None:
    name = "audit.spaudit"
    size = 6 * MIB + 4321
    if form == "plain":
        data = _random_file(dav.folder / name, size, seed=8)
    else:
        data = _random_file(tmp_path / name, size, seed=8)
        upload(dav.config, tmp_path / name, chunk_size=MIB)
    dest = tmp_path / "lead" / name
    dav.proxy.cut_after("down", 2 * MIB + 500 * KIB)

    with pytest.raises(WebDavError) as cut:
        download(dav.config, name, dest)

    assert cut.value.resumable and "reprendre" in str(cut.value)
    assert not dest.exists()
    arrived = (tmp_path / "lead" / f"{name}.part").stat().st_size
    assert 2 * MIB < arrived < 2 * MIB + 500 * KIB
    dav.recorder.clear()
    before = dav.proxy.sent["down"]

    download(dav.config, name, dest)

    gets = [r for r in dav.recorder.records if r.method == "GET" and not r.path.endswith(".json")]
    assert gets[0].range == f"bytes={arrived % MIB if form == 'chunked' else arrived}-"
    assert gets[0].status == 206
    assert (gets[0].if_range is not None) == (form == "plain")  # the ETag seen in the listing
    assert sum(r.bytes_out for r in gets) == size - arrived
    assert size - arrived < dav.proxy.sent["down"] - before < size - arrived + 64 * KIB
    assert dest.read_bytes() == data
    assert sorted(p.name for p in dest.parent.iterdir()) == [name]


@pytest.mark.parametrize("form", ["plain", "chunked"])
def test_a_package_changed_between_two_partial_downloads_is_fetched_again(
    dav: DavServer, tmp_path: Path, form: str
) -> None:
    name = "audit.spaudit"
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    old = _random_file(tmp_path / "v1" / name, 3 * MIB, seed=9)
    new = _random_file(tmp_path / "v2" / name, 3 * MIB + 99, seed=10)

    def publish(path: Path) -> None:
        if form == "plain":
            with path.open("rb") as body:
                answer = requests.put(dav.url(name), data=body, auth=(USER, PASSWORD), timeout=5)
            assert answer.status_code in (201, 204)
        else:
            upload(dav.config, path, chunk_size=512 * KIB)

    publish(tmp_path / "v1" / name)
    dest = tmp_path / "lead" / name
    progress, cancelled = _cancel_after(MIB, "Téléchargement")
    with pytest.raises(TransferCancelled):
        download(dav.config, name, dest, progress=progress, cancelled=cancelled)
    partial = (tmp_path / "lead" / f"{name}.part").read_bytes()
    assert MIB <= len(partial) < len(old) and old.startswith(partial)

    publish(tmp_path / "v2" / name)
    dav.recorder.clear()
    download(dav.config, name, dest)

    gets = [r for r in dav.recorder.records if r.method == "GET" and not r.path.endswith(".json")]
    assert all(r.range is None for r in gets)  # started over
    assert sum(r.bytes_out for r in gets) == len(new)
    assert dest.read_bytes() == new


def test_a_plain_package_replaced_just_before_the_resuming_request_comes_whole(
    dav: DavServer, tmp_path: Path
) -> None:
    name = "audit.spaudit"
    _random_file(dav.folder / name, 2 * MIB, seed=12)
    new = random.Random(13).randbytes(2 * MIB + 5000)
    dest = tmp_path / "lead" / name
    progress, cancelled = _cancel_after(MIB, "Téléchargement")
    with pytest.raises(TransferCancelled):
        download(dav.config, name, dest, progress=progress, cancelled=cancelled)

    def replace_on_first_get(method: str, path: str) -> None:
        if method == "GET" and not replaced:
            replaced.append(path)
            (tmp_path / "new").write_bytes(new)
            (tmp_path / "new").replace(dav.folder / name)  # after the listing, before the GET

    replaced: list[str] = []
    dav.recorder.answer = lambda method, path: replace_on_first_get(method, path)
    dav.recorder.clear()
    download(dav.config, name, dest)

    [get] = [r for r in dav.recorder.records if r.method == "GET"]
    assert get.range is not None and get.if_range is not None
    assert get.status == 200  # If-Range: the server sent the new file whole
    assert dest.read_bytes() == new


# --- errors ------------------------------------------------------------------------------------


def test_wrong_password_says_the_credentials_are_refused(dav: DavServer) -> None:
    with pytest.raises(WebDavError) as refused:
        list_packages(dav.with_config(password="pas-le-bon"))
    assert refused.value.status == 401
    assert "identifiants" in str(refused.value).lower()
    assert "mot de passe" in str(refused.value)


def test_server_down_says_it_is_unreachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # free once closed: nobody listens there
    config = WebDavConfig(base_url=f"http://127.0.0.1:{port}/audits/", username=USER)
    with pytest.raises(WebDavError) as down:
        list_packages(config)
    assert "injoignable" in str(down.value)
    assert "Vérifiez la connexion" in str(down.value)
    assert not down.value.resumable


def test_a_server_that_does_not_answer_times_out() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers
        port = silent.getsockname()[1]
        config = WebDavConfig(base_url=f"http://127.0.0.1:{port}/", timeout=0.3)
        started = time.monotonic()
        with pytest.raises(WebDavError) as slow:
            list_packages(config)
    assert time.monotonic() - started < 3
    assert "ne répond pas" in str(slow.value)


def test_tls_problem_is_explained(dav: DavServer) -> None:
    config = dav.with_config(base_url=dav.config.base_url.replace("http://", "https://"))
    with pytest.raises(WebDavError) as tls:
        list_packages(config)
    assert "TLS" in str(tls.value) and "certificat" in str(tls.value)


def test_missing_folder_is_named(dav: DavServer) -> None:
    with pytest.raises(WebDavError) as missing:
        list_packages(dav.with_config(base_url=dav.url().replace("/audits/", "/absent/")))
    assert missing.value.status == 404
    assert "Dossier introuvable" in str(missing.value) and "/absent/" in str(missing.value)


def test_full_server_says_so_and_the_upload_resumes_later(dav: DavServer, tmp_path: Path) -> None:
    name = "audit.spaudit"
    data = _random_file(tmp_path / name, 5 * 64 * KIB, seed=11)
    puts = 0

    def full_after_two_parts(method: str, path: str) -> str | None:
        nonlocal puts
        if method == "PUT":
            puts += 1
            if puts > 2:
                return "507 Insufficient Storage"
        return None

    dav.recorder.answer = full_after_two_parts
    with pytest.raises(WebDavError) as full:
        upload(dav.config, tmp_path / name, chunk_size=64 * KIB)
    assert full.value.status == 507
    assert "plein" in str(full.value) and full.value.resumable

    dav.recorder.answer = lambda method, path: None
    dav.recorder.clear()
    upload(dav.config, tmp_path / name, chunk_size=64 * KIB)
    assert len(dav.recorder.puts()) == 3
    assert download(dav.config, name, tmp_path / "lead.spaudit").read_bytes() == data


def test_not_a_package_name_is_refused(dav: DavServer, tmp_path: Path) -> None:
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF")
    with pytest.raises(ValueError, match="spaudit"):
        upload(dav.config, tmp_path / "rapport.pdf")
    with pytest.raises(ValueError, match="spaudit"):
        download(dav.config, "../etc/passwd.spaudit", tmp_path / "x.spaudit")
    with pytest.raises(WebDavError, match="n'est pas"):
        download(dav.config, "absent.spaudit", tmp_path / "x.spaudit")


# --- Nextcloud's answers -----------------------------------------------------------------------

NEXTCLOUD_PROPFIND = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"
    xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/claire/Audits%202024/</d:href>
  <d:propstat><d:prop>
    <d:resourcetype><d:collection/></d:resourcetype>
    <d:getlastmodified>Tue, 05 Mar 2024 09:12:44 GMT</d:getlastmodified>
    <d:getetag>&quot;65e6e1dc3b5a1&quot;</d:getetag>
   </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontentlength/></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/claire/Audits%202024/Mairie%20d%27%C3%89vry.spaudit</d:href>
  <d:propstat><d:prop>
    <d:resourcetype/>
    <d:getcontentlength>1503238553</d:getcontentlength>
    <d:getlastmodified>Wed, 06 Mar 2024 17:40:02 GMT</d:getlastmodified>
    <d:getetag>&quot;0f8c2a9d1e7b4c3a&quot;</d:getetag>
    <oc:fileid>4242</oc:fileid>
   </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <D:response xmlns:D="DAV:">
  <D:href>https://cloud.example.fr/remote.php/dav/files/claire/Audits%202024/Archives/</D:href>
  <D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop>
   <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
 </D:response>
</d:multistatus>"""


def test_nextcloud_style_propfind_answers_are_understood() -> None:
    url = "https://cloud.example.fr/remote.php/dav/files/claire/Audits%202024/"
    entries = _parse_multistatus(NEXTCLOUD_PROPFIND, url, skip_self=True)

    assert [(e.name, e.is_collection, e.size) for e in entries] == [
        ("Mairie d'Évry.spaudit", False, 1_503_238_553),
        ("Archives", True, None),
    ]
    package = entries[0]
    assert package.etag == '"0f8c2a9d1e7b4c3a"'
    assert (
        package.modified is not None and package.modified.isoformat() == "2024-03-06T17:40:02+00:00"
    )
    with pytest.raises(ValueError):
        _parse_multistatus(b"<html><body>Nextcloud</body></html>", url, skip_self=True)
