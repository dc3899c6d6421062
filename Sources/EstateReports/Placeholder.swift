enum _PlaceholderEstateReports {}
