"""What officers do with a built site: explain a finding, review and decide follow-through links."""
