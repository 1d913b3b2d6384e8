"""3D anatomy geometry generated from parameters. Plain Python, numpy and VTK data/filter
modules: no Qt, no rendering."""
