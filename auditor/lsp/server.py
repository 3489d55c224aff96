"""The language server over stdio: audits open articles as they change and offers fixes."""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..deadline import OutOfTime
from ..errors import AuditorError
from ..model import DocumentReport
from . import convert
from .state import OpenDocument, State, is_config_file, kind_for

log = logging.getLogger(__name__)


class AuditorServer(LanguageServer):
    """A pygls server holding the audit state; audits run one at a time off the event loop."""

    def __init__(self) -> None:
        super().__init__("auditor", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         converter_factory=converter)
        self.state = State()
        self.reports: dict[str, tuple[int | None, DocumentReport]] = {}
        self._diagnostics: dict[str, dict] = {}   # each buffer's last diagnostics, for convert.diagnostics to reuse
        self._pending: dict[str, asyncio.Task] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="auditor")
        self._last_error: str | None = None
        _forget_finished_handlers(self.protocol)

    # ---- documents ------------------------------------------------------------
    def snapshot(self, uri: str) -> OpenDocument | None:
        """Return an auditable copy of an open buffer, None when auditor does not read it."""
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        path = to_fs_path(uri) or uri
        kind = kind_for(path, doc.language_id)
        if kind is None:
            return None
        return OpenDocument(uri=uri, path=path, version=doc.version, text=doc.source, kind=kind)

    def open_documents(self) -> list[OpenDocument]:
        return [s for uri in list(self.workspace.text_documents) if (s := self.snapshot(uri))]

    def sync_folders(self) -> None:
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        root = self.workspace.root_path
        self.state.folders = [f for f in folders if f] or ([root] if root else [])

    async def in_worker(self, fn, *args):
        """Run a state change on the audit thread, so that it never races an audit."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def pull_settings(self) -> None:
        """Ask the client for the `auditor` section of its settings, when it can answer."""
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="auditor")]))
        except Exception as exc:  # a client that cannot answer keeps the settings it gave
            log.info("workspace/configuration failed: %s", exc)
            return
        if answer and isinstance(answer[0], dict):
            await self.in_worker(self.state.configure, answer[0])
            self.schedule_all()

    # ---- auditing -------------------------------------------------------------
    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Audit a document after `delay` seconds; a newer request for it replaces this one.

        The delay (the debounce) holds only while an audit of the document waits or runs: an edit
        after a pause is audited at once, the keystrokes of a burst are audited once it pauses.
        """
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        else:
            delay = 0.0
        self._pending[uri] = asyncio.get_running_loop().create_task(self._audit(uri, delay))

    def schedule_all(self) -> None:
        for doc in self.open_documents():
            self.schedule(doc.uri)

    async def _audit(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            target = self.snapshot(uri)
            if target is None:
                return
            others = [d for d in self.open_documents() if d.uri != uri]
            loop = asyncio.get_running_loop()
            try:
                results = await loop.run_in_executor(self._executor, self.state.audit, target, others)
            except AuditorError as exc:
                self.complain(str(exc))
                return
            except OutOfTime as exc:
                self.stopped(target, str(exc))
                return
            self._last_error = None
            for od, report in results:
                self.publish(od, report)
        except asyncio.CancelledError:
            pass
        except Exception:  # a bug must not kill the server: log it and keep serving
            log.exception("audit of %s failed", uri)
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]

    def publish(self, od: OpenDocument, report: DocumentReport) -> None:
        """Publish diagnostics for a report if its buffer has not changed since it was read."""
        current = self.workspace.text_documents.get(od.uri)
        if current is None or current.version != od.version:
            return
        self.reports[od.uri] = (od.version, report)
        diags = convert.diagnostics(report, self.workspace.position_codec, od.version,
                                    self._diagnostics.setdefault(od.uri, {}))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=od.uri, version=od.version, diagnostics=diags))

    def stopped(self, od: OpenDocument, why: str) -> None:
        """Say on the article, and in the log, that its audit was stopped at the time limit."""
        message = (f"auditor: {why} (the auditor.timeout setting) and was stopped; this article's findings "
                   f"are not shown")
        log.warning("%s: %s", od.path, message)
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning,
                                                       message=f"{od.path}: {message}"))
        current = self.workspace.text_documents.get(od.uri)
        if current is None or current.version != od.version:
            return
        self.reports.pop(od.uri, None)
        start = types.Position(line=0, character=0)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=od.uri, version=od.version, diagnostics=[types.Diagnostic(
                range=types.Range(start=start, end=start), message=message, source="auditor",
                severity=types.DiagnosticSeverity.Warning, code="timeout")]))

    def clear(self, uri: str) -> None:
        self.reports.pop(uri, None)
        self._diagnostics.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def complain(self, message: str) -> None:
        """Tell the user about a settings or rule-pack error once, not on every keystroke."""
        log.error("%s", message)
        if message != self._last_error:
            self._last_error = message
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"auditor: {message}"))


PLAIN_MAX = 4_096   # diagnostics whose JSON is kept (an article of 2,000 words has about 70)


def converter():
    """pygls' converter, turning a diagnostic into JSON from what an equal one (but for its data) turned into.

    A diagnostic's data is JSON already (convert.diagnostic makes it so); the rest goes through the
    converter once. An edit publishes every diagnostic again, most of them as they were.
    """
    import attrs
    from pygls.protocol import default_converter

    made = default_converter()
    whole = made.get_unstructure_hook(types.Diagnostic)
    heads: dict[tuple, dict] = {}

    def plain(d: types.Diagnostic) -> dict:
        if d.tags is not None or d.related_information is not None or d.code_description is not None:
            return whole(d)
        r = d.range
        key = (r.start.line, r.start.character, r.end.line, r.end.character, d.severity, d.code, d.source, d.message)
        head = heads.get(key)
        if head is None:
            if len(heads) >= PLAIN_MAX:
                heads.clear()
            head = heads[key] = whole(attrs.evolve(d, data=None))
        return head if d.data is None else {**head, "data": d.data}

    made.register_unstructure_hook(types.Diagnostic, plain)
    return made


def _forget_finished_handlers(protocol) -> None:
    """Drop each handler's future from pygls' table once it is done.

    pygls keeps the future of every notification handler (and of each step of its own generator
    handlers) in that table for good, so every didChange would keep a few hundred bytes forever.
    """
    table = protocol._request_futures
    execute = protocol._execute_handler

    def execute_and_forget(msg_id, handler, callback, args=None, kwargs=None):
        execute(msg_id, handler, callback, args, kwargs)
        future = table.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda done, key=msg_id: table.pop(key, None) if table.get(key) is done else None)

    protocol._execute_handler = execute_and_forget


def build_server() -> AuditorServer:
    """Create the server and register its features."""
    server = AuditorServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: AuditorServer, params: types.InitializeParams) -> None:
        ls.state.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: AuditorServer, params: types.InitializedParams) -> None:
        ls.sync_folders()
        await ls.pull_settings()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: AuditorServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.sync_folders()
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: AuditorServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.state.settings.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: AuditorServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) or ""
        await ls.in_worker(ls.state.forget_listings)
        if is_config_file(path):
            await ls.in_worker(ls.state.forget_configs)
            ls.schedule_all()
        else:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: AuditorServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls._pending.pop(uri, None)
        if task is not None:
            task.cancel()
        await ls.in_worker(ls.state.close, uri)
        ls.clear(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: AuditorServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("auditor"), dict):
            await ls.in_worker(ls.state.configure, settings)
            ls.schedule_all()
        else:  # clients that send no settings expect the server to ask for them
            await ls.pull_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: AuditorServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.in_worker(ls.state.forget_listings)
        if any(is_config_file(to_fs_path(c.uri) or "") for c in params.changes):
            await ls.in_worker(ls.state.forget_configs)
        ls.schedule_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def did_change_folders(ls: AuditorServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        ls.sync_folders()
        await ls.in_worker(ls.state.forget_configs)
        ls.schedule_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL],
                                resolve_provider=False),
    )
    def code_action(ls: AuditorServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(uri)
        if doc is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        if convert.wanted(types.CodeActionKind.QuickFix.value, only):
            actions += convert.actions_for(uri, params.context.diagnostics, doc.version)
        version, report = ls.reports.get(uri, (None, None))
        if report is not None and version == doc.version and convert.wanted(convert.FIX_ALL, only):
            try:
                unsafe = ls.state.config_for(to_fs_path(uri) or uri).unsafe_fixes
            except AuditorError:
                unsafe = False
            action = convert.fix_all(uri, report, ls.workspace.position_codec, unsafe=unsafe)
            if action is not None:
                actions.append(action)
        return actions

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: AuditorServer, params: None) -> None:
        for task in ls._pending.values():
            task.cancel()
        ls._executor.shutdown(wait=False, cancel_futures=True)

    return server


def start_io(server: AuditorServer) -> None:
    """Serve over standard input and output, finding the next message again after a framing error."""
    import sys
    import threading

    from pygls.io_ import StdinAsyncReader, StdoutWriter

    from . import framing

    server._stop_event = threading.Event()
    reader = framing.Resync(StdinAsyncReader(sys.stdin.buffer, server.thread_pool))
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))

    def report(text: str) -> None:
        log.error("%s", text)
        try:
            server.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"auditor: {text}"))
        except Exception:  # noqa: BLE001 - the client may be gone
            pass

    try:
        asyncio.run(framing.run(server._stop_event, reader, server.protocol, log, server.report_server_error, report))
    except framing.TooLarge as exc:
        sys.stderr.write(f"auditor lsp: {exc}: stopping\n")
        raise SystemExit(2) from None
    except BrokenPipeError:
        log.error("the client closed the connection: stopping")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def serve(log_file: str | None = None, level: str = "warning") -> None:
    """Run the server over standard input and output until the client says exit."""
    handler = logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
    logging.basicConfig(level=getattr(logging, level.upper(), logging.WARNING), handlers=[handler],
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    start_io(build_server())
