enum _PlaceholderEstateModel {}
