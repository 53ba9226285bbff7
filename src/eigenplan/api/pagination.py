"""Limit/offset pagination that counts without a query when it can.

Most lists under a household are short (a plan's goals, a circle, the versions): the first page
then holds every item, and its length is the count. Only a page that is full, or not the first,
asks the database for the count, so the answer is exactly DRF's LimitOffsetPagination's.
"""

from rest_framework.pagination import LimitOffsetPagination


class CountingLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        page = list(queryset[self.offset : self.offset + self.limit])
        if self.offset == 0 and len(page) < self.limit:
            self.count = len(page)
        else:
            self.count = self.get_count(queryset)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        return page
