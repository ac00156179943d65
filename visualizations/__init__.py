"""policykg.visualizations"""
