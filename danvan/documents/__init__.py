"""Documents that officials exchange: Word files in the layout of Decree 30/2020 and Hướng dẫn 36-HD/VPTW."""
