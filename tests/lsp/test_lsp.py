"""The language server end to end over stdio, driven by pytest-lsp's client."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import SEEDS

CALQUE = "The minister arrived at the head of a delegation on Monday.\n"
CLEAN = "The minister arrived on Monday leading a delegation.\n"


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics with its version."""
    from pygls.protocol import default_converter

    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def record(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record})
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "auditor", "lsp"],
                                              client_factory=make_client))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path, options: dict | None = None, pull: bool = False) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
            workspace=types.WorkspaceClientCapabilities(configuration=pull)),
        root_uri=from_fs_path(str(root)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)), name="desk")],
        initialization_options=options,
    ))


async def diagnostics_for(client: LanguageClient, uri: str, version: int, timeout: float = 20.0):
    """Wait for the diagnostics the server publishes for one version of a document."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in reversed(client.published):
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


async def until(condition, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str, rng: types.Range | None = None) -> None:
    event = (types.TextDocumentContentChangePartial(range=rng, text=text) if rng
             else types.TextDocumentContentChangeWholeDocument(text=text))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[event]))


async def code_actions(client: LanguageClient, uri: str, diags, only=None) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags, only=only)))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to a text with LF line endings."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        line = lines[p.line]
        units, i = 0, 0
        while units < p.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return sum(len(l) + 1 for l in lines[:p.line]) + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


@pytest.mark.asyncio
async def test_diagnostics_on_open_have_utf16_ranges_and_fix_data(client, tmp_path):
    await start(client, tmp_path)
    text = "Intro line.\n🎉 " + CALQUE
    uri = open_doc(client, tmp_path / "story.txt", text)
    diags = await diagnostics_for(client, uri, 1)
    calque = [d for d in diags if d.code == "MTF001"]
    assert len(calque) == 1, diags
    d = calque[0]
    col = CALQUE.index("at the head of") + 2          # code points after "🎉 "
    assert d.range.start == types.Position(line=1, character=col + 1)   # the emoji is two UTF-16 units
    assert d.range.end.character - d.range.start.character == len("at the head of")
    assert d.source == "auditor" and d.severity == types.DiagnosticSeverity.Information
    assert d.data["fixes"][0]["newText"] == "leading" and d.data["version"] == 1

    # saving audits again
    published = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await until(lambda: len(client.published) > published)
    assert [x.code for x in client.published[-1].diagnostics] == [x.code for x in diags]


@pytest.mark.asyncio
async def test_change_is_audited_and_code_actions_fix_and_suppress(client, tmp_path):
    await start(client, tmp_path)
    text = "A first paragraph.\n\n" + CALQUE
    uri = open_doc(client, tmp_path / "story.md", text, "markdown")
    diags = await diagnostics_for(client, uri, 1)
    assert [d.code for d in diags] == ["MTF001"]

    actions = await code_actions(client, uri, diags)
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix and "leading" in fix.title
    fixed = apply(text, fix.edit.changes[uri])
    assert "arrived leading a delegation" in fixed
    suppress = next(a for a in actions if a.title.startswith("Suppress MTF001"))
    suppressed = apply(text, suppress.edit.changes[uri])
    assert "<!-- auditor-ignore-next-line MTF001 -->\n" + CALQUE in suppressed, titles

    # an incremental change that appends a second calque on a new line
    end = types.Position(line=3, character=0)
    change(client, uri, 2, "He spoke at the head of the board.\n", types.Range(start=end, end=end))
    diags = await diagnostics_for(client, uri, 2)
    assert [(d.code, d.range.start.line) for d in diags] == [("MTF001", 2), ("MTF001", 3)]

    change(client, uri, 3, suppressed)
    assert await diagnostics_for(client, uri, 3) == []

    # edits proposed for an old version are not offered again
    stale = await code_actions(client, uri, diags)
    assert not [a for a in stale if a.kind == types.CodeActionKind.QuickFix]


@pytest.mark.asyncio
async def test_an_edit_after_a_pause_is_audited_without_waiting_for_the_debounce(client, tmp_path):
    await start(client, tmp_path, {"auditor": {"debounce": 60000}})   # a minute: waiting would time out
    uri = open_doc(client, tmp_path / "story.txt", CLEAN)
    assert await diagnostics_for(client, uri, 1) == []
    end = types.Position(line=1, character=0)
    change(client, uri, 2, CALQUE, types.Range(start=end, end=end))
    assert [d.code for d in await diagnostics_for(client, uri, 2)] == ["MTF001"]
    change(client, uri, 3, CLEAN)
    assert await diagnostics_for(client, uri, 3) == []


@pytest.mark.asyncio
async def test_mid_paragraph_suppression_wraps_the_span(client, tmp_path):
    await start(client, tmp_path)
    text = "The talks ran late.\n" + CALQUE
    uri = open_doc(client, tmp_path / "story.md", text, "markdown")
    diags = await diagnostics_for(client, uri, 1)
    actions = await code_actions(client, uri, diags, only=[types.CodeActionKind.QuickFix])
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    wrapped = apply(text, suppress.edit.changes[uri])
    assert "<!-- auditor-disable MTF001 -->at the head of<!-- auditor-enable MTF001 -->" in wrapped
    change(client, uri, 2, wrapped)
    assert await diagnostics_for(client, uri, 2) == []


@pytest.mark.asyncio
async def test_settings_from_the_editor_and_the_config_file(client, tmp_path):
    await start(client, tmp_path, {"auditor": {"ignore": ["MTF"]}})
    uri = open_doc(client, tmp_path / "story.txt", CALQUE + "It was was late.\n")
    assert [d.code for d in await diagnostics_for(client, uri, 1)] == ["SP001"]

    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"auditor": {"select": ["MTF001"], "ignore": []}}))
    await until(lambda: [d.code for d in client.diagnostics[uri]] == ["MTF001"])

    # the project's own file applies under the editor's settings; saving it re-audits
    (tmp_path / ".auditor.toml").write_text('ignore = ["MTF001"]\n', encoding="utf-8")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"auditor": {"select": [], "ignore": []}}))
    await until(lambda: [d.code for d in client.diagnostics[uri]] == ["SP001"])


@pytest.mark.asyncio
async def test_settings_pulled_from_the_client_and_a_broken_config_file_reported(client, tmp_path):
    client.set_configuration({"ignore": ["MTF"]}, section="auditor")
    await start(client, tmp_path, pull=True)
    uri = open_doc(client, tmp_path / "story.txt", CALQUE + "It was was late.\n")

    def codes():
        return [d.code for d in client.diagnostics.get(uri, ())]

    await until(lambda: codes() == ["SP001"])
    client.set_configuration({"select": ["MTF"], "ignore": []}, section="auditor")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await until(lambda: codes() == ["MTF001"])

    bad = tmp_path / ".auditor.toml"
    bad.write_text("select = [\n", encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=from_fs_path(str(bad)))))
    await until(lambda: any("malformed configuration" in m.message for m in client.messages))
    assert [m.type for m in client.messages] == [types.MessageType.Error]


@pytest.mark.asyncio
async def test_markdown_and_html_are_audited_and_other_files_are_not(client, tmp_path):
    await start(client, tmp_path)
    html = f"<html><body><h1>Talks</h1>\n<p>{CALQUE.strip()}</p>\n</body></html>\n"
    uri_html = open_doc(client, tmp_path / "story.html", html, "html")
    diags = await diagnostics_for(client, uri_html, 1)
    assert [d.code for d in diags] == ["MTF001"]
    start_char = html.splitlines()[1].index("at the head of")
    assert (diags[0].range.start.line, diags[0].range.start.character) == (1, start_char)

    # an unsaved buffer is read by its language
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri="untitled:Untitled-1", language_id="markdown", version=1, text="# Talks\n\n" + CALQUE)))
    assert [d.code for d in await diagnostics_for(client, "untitled:Untitled-1", 1)] == ["MTF001"]

    uri_py = open_doc(client, tmp_path / "notes.py", "# " + CALQUE, "python")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri_py)))
    await asyncio.sleep(0.3)
    assert uri_py not in client.diagnostics


@pytest.mark.asyncio
async def test_a_seed_gets_the_same_findings_as_the_command_line(client, tmp_path):
    import auditor

    await start(client, tmp_path)
    seed = sorted(SEEDS.glob("00[1-4]_*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    uri = open_doc(client, tmp_path / seed.name, text)
    diags = await diagnostics_for(client, uri, 1)
    report = auditor.audit_text(text, path=seed.name)
    assert report.findings, "the seed should have findings"
    assert sorted(d.code for d in diags) == sorted(f.rule for f in report.findings)

    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await asyncio.sleep(0.3)
    assert list(client.diagnostics[uri]) == []


SLOW_RULE = """code: TS00{n}
name: slow-pattern
type: pattern
category: style.test
severity: minor
message: "A pattern that backtracks without end on a run of x."
description: A rule for the tests.
source: "tests"
pattern: "(?:(?:x|xx)+)+{end}"
examples:
  - bad: "A [[xx{end}]] here."
  - good: "No run here."
"""


@pytest.mark.asyncio
async def test_an_audit_over_the_time_limit_is_stopped_and_said_so(client, tmp_path):
    pack = tmp_path / "packs" / "ts"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text('prefix: TS\ndescription: Slow rules.\nsources: ["tests"]\nlicense: Apache-2.0\n',
                                   encoding="utf-8")
    for n, end in enumerate("yzwv", 1):   # each pattern spends its own regex time limit (0.5 s) on the run of x
        (pack / f"TS00{n}-slow-pattern.yml").write_text(SLOW_RULE.format(n=n, end=end), encoding="utf-8")
    await start(client, tmp_path, {"auditor": {"packs": [str(pack)], "select": ["TS"], "timeout": 0.3}})
    uri = open_doc(client, tmp_path / "slow.txt", "x" * 30 + "a xy xz xw xv\n")
    [diag] = await diagnostics_for(client, uri, 1)
    assert diag.code == "timeout" and "0.3 s" in diag.message and "auditor.timeout" in diag.message
    # the server goes on: the next article is audited
    fine = open_doc(client, tmp_path / "fine.txt", "No run of that letter here.\n")
    assert await diagnostics_for(client, fine, 1) == []
