"""The patient handout: a one- or two-page PDF with the picture of a path, its explanation in
patient words and the booklet's advice that fits, dated.

Drawn with QPdfWriter and QPainter (text stays text: searchable, copyable); the picture is a
headless render of the path with labels. Written atomically like every other file.
"""
from __future__ import annotations

import datetime
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

import networkx as nx
import yaml

from graph.errors import ExplorerError
from graph.explain import explain_path, heading, the_name
from graph.export import atomic_write
from graph.paths import PainPath, referral_paths
from graph.vocabulary import LANGUAGES

__all__ = ["write_handout", "best_path", "advice_for", "load_handout_texts"]

DPI = 300
PAGE_MARGIN_MM = 16
PICTURE_SIZE = (1800, 1150)  # pixels of the rendered figure; drawn 160 mm wide


@lru_cache(maxsize=None)
def load_handout_texts() -> dict:
    """resources/handout/advice.yaml: the booklet's advice and the sheet's own words."""
    text = (importlib_resources.files("resources") / "handout" / "advice.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def advice_for(graph: nx.MultiDiGraph, path: PainPath) -> list[dict]:
    """The booklet's advice items that fit where the path ends."""
    end_kind = graph.nodes[path.nodes[-1]]["kind"]
    return [item for item in load_handout_texts()["items"] if end_kind in item["fits"]]


def best_path(graph: nx.MultiDiGraph, start: str, target: str | None = None) -> PainPath:
    """The best-ranked referred-pain path from ``start`` (to ``target`` if given)."""
    found = referral_paths(graph, start, [target] if target else None, limit=1)
    if not found:
        where = f" to {target}" if target else ""
        raise ExplorerError(f"no referred-pain path from {start}{where} is known, so there is "
                            "nothing to explain in a handout")
    return found[0]


def _format_date(day: datetime.date, lang: str) -> str:
    months = {"en": ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"],
              "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                     "augustus", "september", "oktober", "november", "december"]}
    return f"{day.day} {months[lang][day.month - 1]} {day.year}"


def _ensure_gui_application():
    """QPainter needs a Qt application; from the command line, one without a display.

    A QApplication (not a bare QGuiApplication), so that widgets can still be made in the
    same process; on a display it uses it, else the offscreen platform.
    """
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        arguments = [sys.argv[0] if sys.argv else "main.py"]
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            arguments += ["-platform", "offscreen"]
        app = QApplication(arguments)
        _ensure_gui_application.app = app   # keep it alive
    return app


@dataclass
class _Block:
    kind: str          # "text" or "picture"
    text: str = ""
    size: float = 11.0
    bold: bool = False
    italic: bool = False
    color: str = "#1a1a1a"
    space_before: float = 0.0   # millimetres
    keep_with_next: bool = False   # a heading, or a step and its evidence line
    height: float = 0.0         # device pixels, measured


def _render_picture(graph, path: PainPath, lang: str, out: Path, scene=None) -> None:
    from explorer.figures import framing_camera, render_scene
    from explorer.scene_file import SceneSpec
    from models.scene import build_scene
    scene = scene or build_scene()
    spec = SceneSpec(selection=path.nodes[0], path=list(path.nodes), language=lang, labels=True,
                     posture=scene.posture.as_dict(),
                     camera=framing_camera(scene, path.nodes, "anterior",
                                           PICTURE_SIZE[0] / PICTURE_SIZE[1]))
    # transparent, so the figure sits on the white page as in a printed booklet
    render_scene(graph, spec, out, size=PICTURE_SIZE, scene=scene, label_scale=1.6,
                 transparent=True, only_chosen=True)


def write_handout(graph: nx.MultiDiGraph, path: PainPath, lang: str, out: Path | str,
                  day: datetime.date | None = None, scene=None) -> int:
    """Write the handout for ``path`` in ``lang`` to the PDF ``out``; returns the page count.

    ``scene`` (optional) is the scene to picture, e.g. the window's for the patient's posture.
    """
    if lang not in LANGUAGES:
        raise ExplorerError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    out = Path(out)
    if not out.suffix.lower() == ".pdf":
        raise ExplorerError(f"{str(out)!r} must end in .pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExplorerError(f"cannot write {str(out)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExplorerError(f"cannot write {str(out)!r}: folder is not writable")
    day = day or datetime.date.today()
    texts = load_handout_texts()
    words = texts["texts"][lang]
    with tempfile.TemporaryDirectory(prefix="handout-") as work:
        picture = Path(work) / "path.png"
        _render_picture(graph, path, lang, picture, scene)
        data, pages = _draw_pdf(graph, path, lang, day, words, texts, picture)
    atomic_write(out, data)
    return pages


def _blocks(graph, path, lang, day, words, texts) -> list[_Block]:
    start, end = the_name(graph, path.nodes[0], lang), the_name(graph, path.nodes[-1], lang)
    blocks = [
        _Block("text", words["title"].upper() + "  ·  " + words["dated"].format(
            date=_format_date(day, lang)), size=9, color="#666666"),
        _Block("text", heading(graph, path, lang), size=19, bold=True, space_before=2),
        _Block("picture", space_before=4),
        _Block("text", words["picture"].format(start=start, end=end), size=9, italic=True,
               color="#555555", space_before=1.5),
        _Block("text", words["path_heading"], size=13, bold=True, space_before=6),
    ]
    for number, step in enumerate(explain_path(graph, path, lang, "patient"), 1):
        blocks.append(_Block("text", f"{number}.  {step.sentence}", size=11.5, space_before=2.5,
                             keep_with_next=True))
        blocks.append(_Block("text", f"{words['evidence']}: {step.evidence_label}  ·  "
                                     f"{'; '.join(step.sources)}", size=8, color="#777777",
                             space_before=0.5))
    items = advice_for(graph, path)
    if items:
        blocks.append(_Block("text", texts["attribution"][lang], size=13, bold=True,
                             space_before=7))
        for item in items:
            blocks.append(_Block("text", item["title"][lang], size=11.5, bold=True,
                                 space_before=2.5))
            blocks.append(_Block("text", item["text"][lang], size=11, space_before=0.5))
    return blocks


def _draw_pdf(graph, path, lang, day, words, texts, picture: Path) -> tuple[bytes, int]:
    _ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
    from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize,
                               QPainter, QPdfWriter)

    buffer_bytes = QByteArray()
    buffer = QBuffer(buffer_bytes)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter))
    writer.setTitle(heading(graph, path, lang))
    writer.setCreator("Fascia Explorer")
    mm = DPI / 25.4
    page_width, page_height = writer.width(), writer.height()
    margin = PAGE_MARGIN_MM * mm
    width = page_width - 2 * margin
    footer_height = 12 * mm
    bottom = page_height - margin - footer_height
    image = QImage(str(picture))
    if image.isNull():
        raise ExplorerError("the picture for the handout could not be rendered")
    picture_height = width * image.height() / image.width()

    painter = QPainter()
    if not painter.begin(writer):
        raise ExplorerError("cannot start drawing the PDF")
    try:
        def font_of(block: _Block) -> QFont:
            font = QFont("DejaVu Sans")
            font.setPointSizeF(block.size)
            font.setBold(block.bold)
            font.setItalic(block.italic)
            return font

        flags = int(Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop)
        blocks = _blocks(graph, path, lang, day, words, texts)
        for block in blocks:
            if block.kind == "picture":
                block.height = picture_height
            else:
                metrics = QFontMetricsF(font_of(block), writer)
                block.height = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags,
                                                    block.text).height()
        # page breaks: a block that does not fit starts the next page (headings keep
        # their first line of text with them)
        pages: list[list[tuple[_Block, float]]] = [[]]
        y = margin
        for index, block in enumerate(blocks):
            top = y + block.space_before * mm
            need = block.height
            if (block.bold or block.keep_with_next) and index + 1 < len(blocks):
                need += blocks[index + 1].space_before * mm + blocks[index + 1].height
            if top + need > bottom and pages[-1]:
                pages.append([])
                top = margin
            pages[-1].append((block, top))
            y = top + block.height
        for number, placed in enumerate(pages, 1):
            if number > 1:
                writer.newPage()
            for block, top in placed:
                if block.kind == "picture":
                    target = QRectF(margin, top, width, picture_height)
                    painter.fillRect(target, QColor("#f4f5f7"))
                    painter.drawImage(target, image)
                    continue
                painter.setFont(font_of(block))
                painter.setPen(QColor(block.color))
                painter.drawText(QRectF(margin, top, width, block.height + 2), flags, block.text)
            footer = _Block("text", size=8, color="#777777")
            painter.setFont(font_of(footer))
            painter.setPen(QColor(footer.color))
            painter.drawLine(int(margin), int(bottom + 3 * mm), int(margin + width),
                             int(bottom + 3 * mm))
            painter.drawText(QRectF(margin, bottom + 4.5 * mm, width * 0.8, footer_height), flags,
                             words["footer"])
            painter.drawText(QRectF(margin, bottom + 4.5 * mm, width, footer_height),
                             int(Qt.AlignRight | Qt.AlignTop),
                             words["page"].format(page=number, pages=len(pages)))
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer_bytes.data()), len(pages)
