// DispatchCore: see ../shared/DESIGN.md.
