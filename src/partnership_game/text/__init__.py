"""The terminal front end: plain text play, also the route for screen-reader users."""
