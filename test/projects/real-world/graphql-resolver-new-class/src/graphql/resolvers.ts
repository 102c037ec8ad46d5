import { FeedCache } from '../cache/feed-cache';

export const resolvers = {
  Query: {
    feed: async (_parent: unknown, args: { userId: string }) => {
      const cache = new FeedCache();
      return cache.latest(args.userId);
    },
  },
};
