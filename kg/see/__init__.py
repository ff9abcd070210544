"""Stage 6, see: networkx graphs drawn from the store, their analytics, and the HTML views."""
