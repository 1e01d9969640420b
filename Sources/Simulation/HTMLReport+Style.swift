extension HTMLReport {
    /// The page's only style sheet, inline: system fonts, no external resources; print-friendly.
    static let styleSheet = """
        :root { --ink: #1d2733; --muted: #5b6672; --rule: #d5dbe1; --fast: #2166ac; --slow: #ef8a62; --g2: #b35806; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header h1 { font-size: 1.6rem; margin: 0 0 4px; }
        .meta { color: var(--muted); margin: 0; }
        nav ul { list-style: none; padding: 0; margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
        nav a { color: var(--fast); }
        h2 { font-size: 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 32px 0 12px; }
        h3 { font-size: 1rem; margin: 18px 0 6px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 0; }
        .figures div { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
        .figures dt { color: var(--muted); font-size: 0.85rem; }
        .figures dd { margin: 2px 0 0; font-size: 1.35rem; font-weight: 600; }
        .figures .status { display: block; font-size: 0.8rem; font-weight: 400; }
        .met { color: #1a6b35; } .missed { color: #a61b1b; }
        figure { margin: 0 0 18px; }
        figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 4px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 8px 24px; }
        svg { max-width: 100%; height: auto; font-size: 11px; fill: var(--ink); }
        svg text { fill: var(--ink); }
        svg .axis-title, svg .note, svg .legend-title { fill: var(--muted); }
        svg .chart-label { font-weight: 600; }
        svg .grid { stroke: #e6eaee; stroke-width: 1; }
        svg .baseline, svg .tick { stroke: #8a939c; stroke-width: 1; }
        svg .bar.within { fill: var(--fast); } svg .bar.beyond { fill: var(--slow); }
        svg .bar.overflow { opacity: 0.75; }
        svg .target line { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg .goal line, svg .goal-key { stroke: #555; stroke-width: 1.2; stroke-dasharray: 4 4; }
        svg .series path, svg .series line { fill: none; stroke-width: 2; }
        svg .series.g1 path, svg .series.g1 line { stroke: var(--fast); } svg .series.g1 circle { fill: var(--fast); }
        svg .series.g2 path, svg .series.g2 line { stroke: var(--g2); stroke-dasharray: 7 3; } svg .series.g2 circle { fill: var(--g2); }
        svg .area.busy { fill: #9ecae1; stroke: var(--fast); stroke-width: 1; }
        svg .line.on-duty { fill: none; stroke: var(--ink); stroke-width: 1.5; }
        svg .area.queued { fill: #fdd0a2; stroke: #d94801; stroke-width: 1; }
        svg.map { background: #fbfcfd; border: 1px solid var(--rule); border-radius: 6px; }
        svg .district { stroke: #fff; stroke-width: 1.5; }
        svg .boundary { stroke: #44505c; stroke-width: 1.6; }
        svg .incident { stroke: #263238; stroke-width: 0.4; }
        svg .district-label { font-size: 12px; font-weight: 600; fill: #36414c; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        svg .legend-item circle { stroke: #263238; stroke-width: 0.5; }
        svg .scale-bar line { stroke: var(--ink); stroke-width: 2; }
        table { border-collapse: collapse; margin: 6px 0 18px; font-size: 0.9rem; min-width: 50%; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; }
        th { font-weight: 600; background: #f4f6f8; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        details summary { cursor: pointer; color: var(--fast); margin: 4px 0 8px; }
        footer { margin-top: 36px; color: var(--muted); font-size: 0.8rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          nav { display: none; }
          .charts { display: block; }
          figure, table, .figures div { break-inside: avoid; }
          h2 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
