enum _PlaceholderEstateRandom {}
