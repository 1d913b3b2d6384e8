"""The desktop explorer (Qt) and the command line. Uses models/ and graph/; never the reverse.

Modules that import Qt: main_window, scene_view, paths_panel, view_state. The others
(cli, figures, scene_renderer) work without Qt, for headless use.
"""
