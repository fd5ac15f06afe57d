"""Geography without pygame: the Natural Earth base map, projections, view fitting and label placement."""
