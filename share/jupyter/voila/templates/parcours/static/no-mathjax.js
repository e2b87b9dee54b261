/* MathJax is not used by the dashboards: this file stands in for the CDN script. */
