"""Stage 6, share: pushing to and pulling from SPARQL servers, and VoID descriptions."""
