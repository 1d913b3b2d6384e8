"""What the selected structure is: its names in three languages, its kind, side and
segments, and its links grouped by relation with evidence and sources; and, for a chosen
path, the explanation step by step in patient or professional words."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QVBoxLayout, QWidget

from explorer.view_state import ViewState
from graph.explain import cite, explain_path, heading, name_of
from graph.vocabulary import EVIDENCE_LABEL

__all__ = ["InfoPanel", "EVIDENCE_COLOR"]

EVIDENCE_COLOR = {"anatomy": "#2e7d32", "clinical": "#1565c0", "model": "#6a1b9a",
                  "booklet": "#e65100"}


def _t(text: str) -> str:
    return QCoreApplication.translate("InfoPanel", text)


KIND_LABEL = {
    "vertebra": QT_TRANSLATE_NOOP("InfoPanel", "vertebra"), "bone": QT_TRANSLATE_NOOP("InfoPanel", "bone"), "disc": QT_TRANSLATE_NOOP("InfoPanel", "intervertebral disc"),
    "joint": QT_TRANSLATE_NOOP("InfoPanel", "joint"), "ligament": QT_TRANSLATE_NOOP("InfoPanel", "ligament"), "fascia": QT_TRANSLATE_NOOP("InfoPanel", "fascia"),
    "muscle": QT_TRANSLATE_NOOP("InfoPanel", "muscle"), "organ": QT_TRANSLATE_NOOP("InfoPanel", "organ"), "nerve": QT_TRANSLATE_NOOP("InfoPanel", "nerve"),
    "plexus": QT_TRANSLATE_NOOP("InfoPanel", "nerve plexus"), "segment": QT_TRANSLATE_NOOP("InfoPanel", "spinal cord segment"),
    "region": QT_TRANSLATE_NOOP("InfoPanel", "body region"), "limb": QT_TRANSLATE_NOOP("InfoPanel", "limb"), "chain": QT_TRANSLATE_NOOP("InfoPanel", "myofascial chain"),
}
SIDE_LABEL = {"left": QT_TRANSLATE_NOOP("InfoPanel", "left"), "right": QT_TRANSLATE_NOOP("InfoPanel", "right"), "midline": QT_TRANSLATE_NOOP("InfoPanel", "midline"),
              "bilateral": QT_TRANSLATE_NOOP("InfoPanel", "both sides")}
# Each relation read from the structure (outgoing) and toward it (incoming).
RELATION_LABEL = {
    "part_of": (QT_TRANSLATE_NOOP("InfoPanel", "Part of"), QT_TRANSLATE_NOOP("InfoPanel", "Has as parts")),
    "attaches_to": (QT_TRANSLATE_NOOP("InfoPanel", "Attaches to"), QT_TRANSLATE_NOOP("InfoPanel", "Attached to it")),
    "continuous_with": (QT_TRANSLATE_NOOP("InfoPanel", "Continuous with"), QT_TRANSLATE_NOOP("InfoPanel", "Continuous with")),
    "lies_on": (QT_TRANSLATE_NOOP("InfoPanel", "Lies on"), QT_TRANSLATE_NOOP("InfoPanel", "Lying on it")),
    "innervated_by": (QT_TRANSLATE_NOOP("InfoPanel", "Nerve supply from"), QT_TRANSLATE_NOOP("InfoPanel", "Carries the nerve supply of")),
    "branch_of": (QT_TRANSLATE_NOOP("InfoPanel", "Branch of"), QT_TRANSLATE_NOOP("InfoPanel", "Its branches")),
    "supplies": (QT_TRANSLATE_NOOP("InfoPanel", "Supplies"), QT_TRANSLATE_NOOP("InfoPanel", "Supplied by")),
    "refers_pain_to": (QT_TRANSLATE_NOOP("InfoPanel", "Refers pain to"), QT_TRANSLATE_NOOP("InfoPanel", "Receives referred pain from")),
    "chain_next": (QT_TRANSLATE_NOOP("InfoPanel", "Next in the chain"), QT_TRANSLATE_NOOP("InfoPanel", "Before it in the chain")),
    "irritates": (QT_TRANSLATE_NOOP("InfoPanel", "Can irritate"), QT_TRANSLATE_NOOP("InfoPanel", "Can be irritated by")),
}


class InfoPanel(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.professional = QCheckBox()
        self.professional.toggled.connect(
            lambda on: state.set_register("professional" if on else "patient"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.professional)
        layout.addWidget(self.browser, 1)
        for signal in (state.selection_changed, state.path_chosen, state.language_changed,
                       state.register_changed):
            signal.connect(self.refresh)
        self.refresh()

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "node":
            self.state.select(url.path())

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def refresh(self, *_args) -> None:
        self.professional.setText(self.tr("Professional words (else patient words)"))
        self.professional.setChecked(self.state.register == "professional")
        parts = []
        if self.state.chosen_path is not None:
            parts.append(self._path_html())
        if self.state.selected is not None:
            parts.append(self._structure_html(self.state.selected))
        else:
            hint = self.tr("Select a structure: click it in the 3D view or the graph, "
                           "or find it by name (Ctrl+F).")
            parts.append(f"<p>{escape(hint)}</p>")
        self.browser.setHtml("".join(parts))

    def _name_link(self, node: str) -> str:
        return (f'<a href="node:{escape(node)}">'
                f"{escape(name_of(self.state.graph, node, self.state.language))}</a>")

    def _evidence(self, evidence: str, sources) -> str:
        lang = self.state.language
        cited = "; ".join(escape(cite(self.state.graph, s)) for s in sources)
        return (f'<span style="color:{EVIDENCE_COLOR[evidence]}">'
                f"{escape(EVIDENCE_LABEL[lang][evidence])}</span>"
                f' <small style="color:#666">{cited}</small>')

    def _path_html(self) -> str:
        state, graph = self.state, self.state.graph
        path = state.chosen_path
        rows = [f"<h3>{escape(heading(graph, path, state.language))}</h3><ol>"]
        for step in explain_path(graph, path, state.language, state.register):
            rows.append(f"<li>{escape(step.sentence)}<br>"
                        f"{self._evidence(step.evidence, [])}"
                        f' <small style="color:#666">{escape("; ".join(step.sources))}</small></li>')
        rows.append("</ol><hr>")
        return "".join(rows)

    def _structure_html(self, node: str) -> str:
        state, graph = self.state, self.state.graph
        attrs = graph.nodes[node]
        names = attrs["names"]
        lang = state.language
        html = [f"<h2>{escape(name_of(graph, node, lang))}</h2><p>"]
        for code, label in (("en", self.tr("English")), ("nl", self.tr("Dutch")),
                            ("la", self.tr("Latin"))):
            if code in names:
                html.append(f"<b>{escape(label)}:</b> {escape(names[code])}<br>")
        also, what, segments = (self.tr("Also called"), self.tr("What it is"),
                                self.tr("Spinal segments"))
        if attrs.get("synonyms"):
            html.append(f"<b>{escape(also)}:</b> {escape(', '.join(attrs['synonyms']))}<br>")
        html.append("</p><p>")
        html.append(f"<b>{escape(what)}:</b> "
                    f"{escape(_t(KIND_LABEL.get(attrs['kind'], attrs['kind'])))}")
        if "side" in attrs:
            html.append(f", {escape(_t(SIDE_LABEL[attrs['side']]))}")
        html.append("<br>")
        if attrs.get("segments"):
            html.append(f"<b>{escape(segments)}:</b> "
                        f"{escape(', '.join(attrs['segments']))}<br>")
        description = attrs.get("description", {})
        if description:
            html.append(escape(description.get(lang) or description.get("en", "")))
        html.append("</p>")
        html.append(self._links_html(node))
        return "".join(html)

    def _links_html(self, node: str) -> str:
        graph, state = self.state.graph, self.state
        groups: dict[tuple[str, int], list[str]] = {}
        for direction, edges in ((0, graph.out_edges(node, data=True)),
                                 (1, graph.in_edges(node, data=True))):
            for u, v, attrs in edges:
                other = v if direction == 0 else u
                sentence = attrs["text"][state.language][state.register]
                groups.setdefault((attrs["relation"], direction), []).append(
                    f"<li>{self._name_link(other)} — {self._evidence(attrs['evidence'], attrs['sources'])}"
                    f'<br><small>{escape(sentence)}</small></li>')
        if not groups:
            none = self.tr("No links are known yet.")
            return f"<p><i>{escape(none)}</i></p>"
        order = list(RELATION_LABEL)
        title = self.tr("Links")
        html = [f"<h3>{escape(title)}</h3>"]
        for relation, direction in sorted(groups, key=lambda k: (order.index(k[0]), k[1])):
            label = _t(RELATION_LABEL[relation][direction])
            html.append(f"<p><b>{escape(label)}</b></p><ul>")
            html.extend(sorted(groups[(relation, direction)]))
            html.append("</ul>")
        return "".join(html)
