<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>EverydayActions</name>
    <message>
        <location filename="../actions.py" line="127"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location filename="../actions.py" line="127"/>
        <source>&amp;Redo</source>
        <translation>Opnieuw &amp;doen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="127"/>
        <source>&amp;Find a structure…</source>
        <translation>Structuur &amp;zoeken…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="128"/>
        <source>&amp;Anterior (front)</source>
        <translation>&amp;Voorkant (anterior)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="128"/>
        <source>&amp;Posterior (back)</source>
        <translation>&amp;Achterkant (posterior)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="129"/>
        <source>&amp;Right side</source>
        <translation>&amp;Rechterzijde</translation>
    </message>
    <message>
        <location filename="../actions.py" line="129"/>
        <source>&amp;Left side</source>
        <translation>&amp;Linkerzijde</translation>
    </message>
    <message>
        <location filename="../actions.py" line="130"/>
        <source>&amp;Superior (from above)</source>
        <translation>Van &amp;boven (superior)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="130"/>
        <source>&amp;Oblique</source>
        <translation>&amp;Schuin</translation>
    </message>
    <message>
        <location filename="../actions.py" line="131"/>
        <source>Reset the &amp;camera</source>
        <translation>&amp;Camera terugzetten</translation>
    </message>
    <message>
        <location filename="../actions.py" line="131"/>
        <source>&amp;Fly to the selection</source>
        <translation>Naar de selectie &amp;vliegen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="132"/>
        <source>&amp;Isolate the selection and its paths</source>
        <translation>Selectie en haar wegen &amp;isoleren</translation>
    </message>
    <message>
        <location filename="../actions.py" line="133"/>
        <source>Fade the selection (&amp;x-ray)</source>
        <translation>Selectie doorzichtig maken (&amp;röntgen)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="133"/>
        <source>&amp;Hide the selection</source>
        <translation>Selectie &amp;verbergen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="134"/>
        <source>Show &amp;everything again</source>
        <translation>&amp;Alles weer tonen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="134"/>
        <source>&amp;Clear the selection</source>
        <translation>Selectie &amp;wissen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="135"/>
        <source>Bones</source>
        <translation>Botten</translation>
    </message>
    <message>
        <location filename="../actions.py" line="135"/>
        <source>Discs</source>
        <translation>Tussenwervelschijven</translation>
    </message>
    <message>
        <location filename="../actions.py" line="136"/>
        <source>Deep back muscles</source>
        <translation>Diepe rugspieren</translation>
    </message>
    <message>
        <location filename="../actions.py" line="137"/>
        <source>Other muscles</source>
        <translation>Overige spieren</translation>
    </message>
    <message>
        <location filename="../actions.py" line="137"/>
        <source>Organs</source>
        <translation>Organen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="138"/>
        <source>Nerves</source>
        <translation>Zenuwen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="138"/>
        <source>Fascia</source>
        <translation>Fascie</translation>
    </message>
    <message>
        <location filename="../actions.py" line="139"/>
        <source>Skin regions</source>
        <translation>Huidgebieden</translation>
    </message>
    <message>
        <location filename="../actions.py" line="140"/>
        <source>Switch the &amp;graph layout (body map / force)</source>
        <translation>&amp;Grafiekindeling wisselen (lichaamskaart / krachten)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="141"/>
        <source>&amp;Professional words</source>
        <translation>&amp;Vaktaal</translation>
    </message>
    <message>
        <location filename="../actions.py" line="142"/>
        <source>&amp;Next path</source>
        <translation>&amp;Volgende weg</translation>
    </message>
    <message>
        <location filename="../actions.py" line="142"/>
        <source>Pre&amp;vious path</source>
        <translation>V&amp;orige weg</translation>
    </message>
    <message>
        <location filename="../actions.py" line="143"/>
        <source>Show the i&amp;nfo panel</source>
        <translation>I&amp;nformatiepaneel tonen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="143"/>
        <source>Show the pa&amp;ths list</source>
        <translation>&amp;Lijst van wegen tonen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="145"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="149"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bewerken</translation>
    </message>
    <message>
        <location filename="../actions.py" line="150"/>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <location filename="../actions.py" line="151"/>
        <source>&amp;Layers</source>
        <translation>&amp;Lagen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="152"/>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location filename="../actions.py" line="153"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../actions.py" line="154"/>
        <source>Search and layers</source>
        <translation>Zoeken en lagen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="156"/>
        <source>Info</source>
        <translation>Informatie</translation>
    </message>
    <message>
        <location filename="../actions.py" line="157"/>
        <source>Paths</source>
        <translation>Wegen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="181"/>
        <source>Select a structure in the 3D view first.</source>
        <translation>Selecteer eerst een structuur in de 3D-weergave.</translation>
    </message>
    <message>
        <location filename="../actions.py" line="230"/>
        <source>Click</source>
        <translation>Klik</translation>
    </message>
    <message>
        <location filename="../actions.py" line="230"/>
        <source>Select a structure (3D view or graph); on empty space: clear</source>
        <translation>Structuur selecteren (3D-weergave of grafiek); op lege ruimte: selectie wissen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="231"/>
        <source>Double-click</source>
        <translation>Dubbelklik</translation>
    </message>
    <message>
        <location filename="../actions.py" line="231"/>
        <source>Fly the camera to a structure</source>
        <translation>Camera naar een structuur laten vliegen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="232"/>
        <source>Drag</source>
        <translation>Slepen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="232"/>
        <source>Rotate the 3D view; pan the graph</source>
        <translation>3D-weergave draaien; grafiek verschuiven</translation>
    </message>
    <message>
        <location filename="../actions.py" line="233"/>
        <source>Wheel</source>
        <translation>Scrollwiel</translation>
    </message>
    <message>
        <location filename="../actions.py" line="233"/>
        <source>Zoom</source>
        <translation>In- en uitzoomen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="234"/>
        <source>Hover</source>
        <translation>Aanwijzen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="234"/>
        <source>Name the structure under the mouse</source>
        <translation>Naam van de structuur onder de muis tonen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="235"/>
        <source>Arrow keys (in the graph)</source>
        <translation>Pijltjestoetsen (in de graaf)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="236"/>
        <source>Walk to the linked structure in that direction</source>
        <translation>Naar de verbonden structuur in die richting gaan</translation>
    </message>
    <message>
        <location filename="../actions.py" line="242"/>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="245"/>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <location filename="../actions.py" line="245"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location filename="../actions.py" line="256"/>
        <source>Every action, and the keys that reach it:</source>
        <translation>Elke actie, en de toetsen die haar bereiken:</translation>
    </message>
</context>
<context>
    <name>ExportImageDialog</name>
    <message>
        <location filename="../export_dialog.py" line="35"/>
        <source>Export image</source>
        <translation>Afbeelding exporteren</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="38"/>
        <source>Screen, 1600 × 1200</source>
        <translation>Scherm, 1600 × 1200</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="39"/>
        <source>A5 landscape, 300 dpi</source>
        <translation>A5 liggend, 300 dpi</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="40"/>
        <source>A4 landscape, 300 dpi</source>
        <translation>A4 liggend, 300 dpi</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="41"/>
        <source>Print, 3000 × 2000 at 300 dpi</source>
        <translation>Druk, 3000 × 2000 bij 300 dpi</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="42"/>
        <source>A4 portrait, 300 dpi</source>
        <translation>A4 staand, 300 dpi</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="43"/>
        <source>Custom</source>
        <translation>Eigen maat</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="54"/>
        <source>Transparent background</source>
        <translation>Doorzichtige achtergrond</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="56"/>
        <source>Labels on the lit structures</source>
        <translation>Namen bij de verlichte structuren</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="59"/>
        <source>Preset</source>
        <translation>Voorinstelling</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="60"/>
        <source>Width</source>
        <translation>Breedte</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="61"/>
        <source>Height</source>
        <translation>Hoogte</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="62"/>
        <source>Resolution (dpi)</source>
        <translation>Resolutie (dpi)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="63"/>
        <source>Printed size</source>
        <translation>Afdrukformaat</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="85"/>
        <source>{w:.1f} × {h:.1f} cm</source>
        <translation>{w:.1f} × {h:.1f} cm</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <location filename="../graph_panel.py" line="385"/>
        <source>Graph layout:</source>
        <translation>Indeling grafiek:</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="386"/>
        <source>Anatomical (body map)</source>
        <translation>Anatomisch (lichaamskaart)</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="387"/>
        <source>Force (links pull together)</source>
        <translation>Krachten (verbindingen trekken samen)</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="392"/>
        <source>part of</source>
        <translation>deel van</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="392"/>
        <source>fascia</source>
        <translation>fascie</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="393"/>
        <source>ligament</source>
        <translation>ligament</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="393"/>
        <source>pressure or pull</source>
        <translation>druk of trek</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="394"/>
        <source>nerve</source>
        <translation>zenuw</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="394"/>
        <source>referred from an organ</source>
        <translation>uitgestraald vanuit een orgaan</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="395"/>
        <source>muscle</source>
        <translation>spier</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="399"/>
        <source>textbook anatomy</source>
        <translation>anatomie (leerboek)</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="399"/>
        <source>clinical pattern</source>
        <translation>klinisch patroon</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="400"/>
        <source>model or booklet</source>
        <translation>model of boekje</translation>
    </message>
    <message>
        <location filename="../graph_panel.py" line="414"/>
        <source>Fascia Explorer: knowledge graph</source>
        <translation>Fascia Explorer: kennisgrafiek</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <location filename="../info_panel.py" line="26"/>
        <source>vertebra</source>
        <translation>wervel</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="26"/>
        <source>bone</source>
        <translation>bot</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="26"/>
        <source>intervertebral disc</source>
        <translation>tussenwervelschijf</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="27"/>
        <source>joint</source>
        <translation>gewricht</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="27"/>
        <source>ligament</source>
        <translation>ligament</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="27"/>
        <source>fascia</source>
        <translation>fascie</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="28"/>
        <source>muscle</source>
        <translation>spier</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="28"/>
        <source>organ</source>
        <translation>orgaan</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="28"/>
        <source>nerve</source>
        <translation>zenuw</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="29"/>
        <source>nerve plexus</source>
        <translation>zenuwvlecht (plexus)</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="29"/>
        <source>spinal cord segment</source>
        <translation>ruggenmergsegment</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="30"/>
        <source>body region</source>
        <translation>lichaamsgebied</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="30"/>
        <source>limb</source>
        <translation>ledemaat</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="30"/>
        <source>myofascial chain</source>
        <translation>myofasciale keten</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="32"/>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="32"/>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="32"/>
        <source>midline</source>
        <translation>in het midden</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="33"/>
        <source>both sides</source>
        <translation>beide zijden</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="36"/>
        <source>Part of</source>
        <translation>Deel van</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="36"/>
        <source>Has as parts</source>
        <translation>Bestaat onder meer uit</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="37"/>
        <source>Attaches to</source>
        <translation>Hecht aan</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="37"/>
        <source>Attached to it</source>
        <translation>Hecht eraan</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="38"/>
        <source>Continuous with</source>
        <translation>Loopt over in</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="39"/>
        <source>Lies on</source>
        <translation>Ligt op</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="39"/>
        <source>Lying on it</source>
        <translation>Ligt erop</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="40"/>
        <source>Nerve supply from</source>
        <translation>Zenuwvoorziening uit</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="40"/>
        <source>Carries the nerve supply of</source>
        <translation>Verzorgt de zenuwvoorziening van</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="41"/>
        <source>Branch of</source>
        <translation>Tak van</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="41"/>
        <source>Its branches</source>
        <translation>Zijn takken</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="42"/>
        <source>Supplies</source>
        <translation>Verzorgt</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="42"/>
        <source>Supplied by</source>
        <translation>Verzorgd door</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="43"/>
        <source>Refers pain to</source>
        <translation>Straalt pijn uit naar</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="43"/>
        <source>Receives referred pain from</source>
        <translation>Krijgt uitstralende pijn van</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="44"/>
        <source>Next in the chain</source>
        <translation>Volgende in de keten</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="44"/>
        <source>Before it in the chain</source>
        <translation>Ervoor in de keten</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="45"/>
        <source>Can irritate</source>
        <translation>Kan prikkelen</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="45"/>
        <source>Can be irritated by</source>
        <translation>Kan geprikkeld worden door</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="78"/>
        <source>Professional words (else patient words)</source>
        <translation>Vaktaal (anders woorden voor de patiënt)</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="86"/>
        <source>Select a structure: click it in the 3D view or the graph, or find it by name (Ctrl+F).</source>
        <translation>Kies een structuur: klik erop in de 3D-weergave of de grafiek, of zoek haar op naam (Ctrl+F).</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="119"/>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="119"/>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="120"/>
        <source>Latin</source>
        <translation>Latijn</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="123"/>
        <source>Also called</source>
        <translation>Ook genoemd</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="123"/>
        <source>What it is</source>
        <translation>Wat het is</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="124"/>
        <source>Spinal segments</source>
        <translation>Ruggenmergsegmenten</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="155"/>
        <source>No links are known yet.</source>
        <translation>Er zijn nog geen verbindingen bekend.</translation>
    </message>
    <message>
        <location filename="../info_panel.py" line="158"/>
        <source>Links</source>
        <translation>Verbindingen</translation>
    </message>
</context>
<context>
    <name>PathsPanel</name>
    <message>
        <location filename="../paths_panel.py" line="71"/>
        <source>Path / step</source>
        <translation>Weg / stap</translation>
    </message>
    <message>
        <location filename="../paths_panel.py" line="74"/>
        <source>Click a structure in the 3D view to see where it can refer pain.</source>
        <translation>Klik op een structuur in de 3D-weergave om te zien waarheen die pijn kan uitstralen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../paths_panel.py" line="79"/>
        <source>%1: %n path(s) by which pain can travel</source>
        <translation>
            <numerusform>%1: %n weg waarlangs pijn kan lopen</numerusform>
            <numerusform>%1: %n wegen waarlangs pijn kan lopen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../paths_panel.py" line="82"/>
        <source>%1: no referred-pain path is known</source>
        <translation>%1: geen weg van uitstralende pijn bekend</translation>
    </message>
</context>
<context>
    <name>PosturePanel</name>
    <message>
        <location filename="../posture_panel.py" line="121"/>
        <source>Neck curve (cervical lordosis)</source>
        <translation>Nekkromming (cervicale lordose)</translation>
    </message>
    <message>
        <location filename="../posture_panel.py" line="122"/>
        <source>Upper back curve (thoracic kyphosis)</source>
        <translation>Kromming van de bovenrug (thoracale kyfose)</translation>
    </message>
    <message>
        <location filename="../posture_panel.py" line="123"/>
        <source>Lower back curve (lumbar lordosis)</source>
        <translation>Kromming van de onderrug (lumbale lordose)</translation>
    </message>
    <message>
        <location filename="../posture_panel.py" line="124"/>
        <source>Tilt of the sacrum (sacral slope)</source>
        <translation>Kanteling van het heiligbeen (sacrale helling)</translation>
    </message>
    <message>
        <location filename="../posture_panel.py" line="127"/>
        <source>Typical adult posture</source>
        <translation>Gewone houding van een volwassene</translation>
    </message>
    <message>
        <location filename="../posture_panel.py" line="128"/>
        <source>Angles in degrees: the curves as Cobb angles, the sacrum&apos;s tilt against the horizontal.</source>
        <translation>Hoeken in graden: de krommingen als Cobb-hoeken, de kanteling van het heiligbeen ten opzichte van het horizontale vlak.</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <location filename="../presentation.py" line="206"/>
        <source>Click a structure to tell its story</source>
        <translation>Klik op een structuur om haar verhaal te vertellen</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="211"/>
        <source>No path by which this is felt elsewhere is known.</source>
        <translation>Er is geen weg bekend waarlangs dit elders gevoeld wordt.</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="217"/>
        <source>Step {step} of {steps}  ·  story {story} of {stories}</source>
        <translation>Stap {step} van {steps}  ·  verhaal {story} van {stories}</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="221"/>
        <source>→ or click: next step   ← back   ↓ ↑ other story   Esc: leave</source>
        <translation>→ of klik: volgende stap   ← terug   ↓ ↑ ander verhaal   Esc: stoppen</translation>
    </message>
</context>
<context>
    <name>QuizPanel</name>
    <message>
        <location filename="../quiz_panel.py" line="104"/>
        <source>Which structure is lit?</source>
        <translation>Welke structuur licht op?</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="106"/>
        <source>Click the structure: {name}</source>
        <translation>Klik op de structuur: {name}</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="108"/>
        <source>Which structures link {start} to {end}?</source>
        <translation>Welke structuren verbinden {start} met {end}?</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="111"/>
        <source>Which spinal cord segments carry the pain of: {name}?</source>
        <translation>Welke ruggenmergsegmenten dragen de pijn van: {name}?</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="115"/>
        <source>Name the lit structure</source>
        <translation>Benoem de verlichte structuur</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="115"/>
        <source>Find it in 3D</source>
        <translation>Vind het in 3D</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="116"/>
        <source>Links</source>
        <translation>Verbindingen</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="116"/>
        <source>Segments</source>
        <translation>Segmenten</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="118"/>
        <source>Next question (N)</source>
        <translation>Volgende vraag (N)</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="121"/>
        <source>This session: {right} of {asked} right.  All sessions: {total_right} of {total_asked}.</source>
        <translation>Deze sessie: {right} van {asked} goed.  Alle sessies: {total_right} van {total_asked}.</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="126"/>
        <source>Self-test</source>
        <translation>Zelftoets</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="127"/>
        <source>Press N for a question.</source>
        <translation>Druk op N voor een vraag.</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="163"/>
        <source>Right: {answer}.</source>
        <translation>Goed: {answer}.</translation>
    </message>
    <message>
        <location filename="../quiz_panel.py" line="165"/>
        <source>Not quite. The answer: {answer}.</source>
        <translation>Niet helemaal. Het antwoord: {answer}.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../search_box.py" line="45"/>
        <source>Find a structure (en, nl, la)…  Ctrl+F</source>
        <translation>Zoek een structuur (nl, en, la)…  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../search_box.py" line="74"/>
        <source>No structure matches “%1”.</source>
        <translation>Geen structuur past bij “%1”.</translation>
    </message>
    <message>
        <location filename="../search_box.py" line="78"/>
        <source>Did you mean: %1?</source>
        <translation>Bedoelt u: %1?</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <location filename="../session_actions.py" line="85"/>
        <source>The scene could not be built for this posture: {error}</source>
        <translation>De scène kon voor deze houding niet worden opgebouwd: {error}</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="129"/>
        <source>&amp;Save view</source>
        <translation>Weergave op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="129"/>
        <source>Save view &amp;as…</source>
        <translation>Weergave opslaan &amp;als…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="130"/>
        <source>&amp;Open view…</source>
        <translation>Weergave &amp;openen…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="130"/>
        <source>&amp;Export image…</source>
        <translation>Afbeelding &amp;exporteren…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="131"/>
        <source>Open a &amp;knowledge base…</source>
        <translation>Een &amp;kennisbank openen…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="132"/>
        <source>Export the &amp;graph as SVG…</source>
        <translation>De &amp;graaf als SVG exporteren…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="133"/>
        <source>Patient &amp;handout (PDF)…</source>
        <translation>&amp;Hand-out voor de patiënt (PDF)…</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="134"/>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentatiemodus</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="135"/>
        <source>&amp;Animate the chosen path</source>
        <translation>De gekozen weg &amp;animeren</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="136"/>
        <source>&amp;Labels on the lit structures</source>
        <translation>&amp;Namen bij de verlichte structuren</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="137"/>
        <source>P&amp;osture sliders</source>
        <translation>&amp;Houding instellen</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="137"/>
        <source>Self-&amp;test quiz</source>
        <translation>&amp;Zelftoets</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="140"/>
        <source>&amp;File</source>
        <translation>Bestan&amp;d</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="141"/>
        <source>&amp;Session</source>
        <translation>S&amp;essie</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="142"/>
        <source>Posture</source>
        <translation>Houding</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="144"/>
        <location filename="../session_actions.py" line="371"/>
        <source>Self-test</source>
        <translation>Zelftoets</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="156"/>
        <source>Fascia Explorer</source>
        <translation>Fascia Explorer</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="194"/>
        <source>Saved the view to {file}</source>
        <translation>Weergave opgeslagen in {file}</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="209"/>
        <source>Fascia Explorer views (*.fxview.json *.json)</source>
        <translation>Fascia Explorer-weergaven (*.fxview.json *.json)</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="214"/>
        <source>Save view</source>
        <translation>Weergave opslaan</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="221"/>
        <source>Open view</source>
        <translation>Weergave openen</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="229"/>
        <source>Open a knowledge base (a folder)</source>
        <translation>Een kennisbank openen (een map)</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="240"/>
        <source>This knowledge base was not loaded; the one in use stays. {error}</source>
        <translation>Deze kennisbank is niet geladen; de huidige blijft in gebruik. {error}</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="245"/>
        <source>Knowledge base loaded from {folder}</source>
        <translation>Kennisbank geladen uit {folder}</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="262"/>
        <source>Exported {file}</source>
        <translation>{file} geëxporteerd</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="270"/>
        <source>Export image</source>
        <translation>Afbeelding exporteren</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="271"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-afbeeldingen (*.png)</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="276"/>
        <source>Export the graph</source>
        <translation>De graaf exporteren</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="277"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-tekeningen (*.svg)</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="289"/>
        <source>Select a structure (and a path) first: the handout explains one path.</source>
        <translation>Kies eerst een structuur (en een weg): de hand-out legt één weg uit.</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="297"/>
        <source>Wrote the handout {file}</source>
        <translation>Hand-out {file} geschreven</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="302"/>
        <source>Patient handout</source>
        <translation>Hand-out voor de patiënt</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="303"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-documenten (*.pdf)</translation>
    </message>
    <message>
        <location filename="../session_actions.py" line="345"/>
        <source>Select a structure with a path to animate first.</source>
        <translation>Kies eerst een structuur met een weg om te animeren.</translation>
    </message>
</context>
</TS>
