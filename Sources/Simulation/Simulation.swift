// Simulation: see ../shared/DESIGN.md.
