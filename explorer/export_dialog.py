"""File > Export image...: the size of the PNG in pixels, or a print size at a resolution,
with a transparent background and labels as options."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QSpinBox, QVBoxLayout)

__all__ = ["ExportOptions", "ExportImageDialog", "PRESETS"]

# (label, width px, height px, dpi); print sizes at 300 dpi
PRESETS = (
    ("screen", 1600, 1200, 96),
    ("a5-landscape", 2480, 1748, 300),
    ("a4-landscape", 3508, 2480, 300),
    ("print-3000", 3000, 2000, 300),
    ("a4-portrait", 2480, 3508, 300),
)


@dataclass
class ExportOptions:
    width: int = 1600
    height: int = 1200
    dpi: int = 96
    transparent: bool = False
    labels: bool = False


class ExportImageDialog(QDialog):
    def __init__(self, options: ExportOptions | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("export-image-dialog")
        self.setWindowTitle(self.tr("Export image"))
        options = options or ExportOptions()
        self.preset = QComboBox()
        names = {"screen": self.tr("Screen, 1600 × 1200"),
                 "a5-landscape": self.tr("A5 landscape, 300 dpi"),
                 "a4-landscape": self.tr("A4 landscape, 300 dpi"),
                 "print-3000": self.tr("Print, 3000 × 2000 at 300 dpi"),
                 "a4-portrait": self.tr("A4 portrait, 300 dpi")}
        self.preset.addItem(self.tr("Custom"), None)
        for key, width, height, dpi in PRESETS:
            self.preset.addItem(names[key], (width, height, dpi))
        self.width_box, self.height_box, self.dpi_box = QSpinBox(), QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, options.width), (self.height_box, options.height)):
            box.setRange(16, 16384)
            box.setSuffix(" px")
            box.setValue(value)
        self.dpi_box.setRange(10, 4800)
        self.dpi_box.setValue(options.dpi)
        self.print_size = QLabel()
        self.transparent = QCheckBox(self.tr("Transparent background"))
        self.transparent.setChecked(options.transparent)
        self.labels = QCheckBox(self.tr("Labels on the lit structures"))
        self.labels.setChecked(options.labels)
        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow(self.tr("Width"), self.width_box)
        form.addRow(self.tr("Height"), self.height_box)
        form.addRow(self.tr("Resolution (dpi)"), self.dpi_box)
        form.addRow(self.tr("Printed size"), self.print_size)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.transparent)
        layout.addWidget(self.labels)
        layout.addWidget(buttons)
        self.preset.currentIndexChanged.connect(self._on_preset)
        for box in (self.width_box, self.height_box, self.dpi_box):
            box.valueChanged.connect(self._update_print_size)
        self._update_print_size()

    def _on_preset(self, _index: int) -> None:
        values = self.preset.currentData()
        if values:
            for box, value in zip((self.width_box, self.height_box, self.dpi_box), values):
                box.setValue(value)

    def _update_print_size(self, *_args) -> None:
        dpi = self.dpi_box.value()
        self.print_size.setText(self.tr("{w:.1f} × {h:.1f} cm").format(
            w=self.width_box.value() / dpi * 2.54, h=self.height_box.value() / dpi * 2.54))

    def options(self) -> ExportOptions:
        return ExportOptions(self.width_box.value(), self.height_box.value(),
                             self.dpi_box.value(), self.transparent.isChecked(),
                             self.labels.isChecked())
