/** Text of the community's later additions (pictures, the leaderboard's categories, live status). */
export const communityExtras = {
  communityPublic: {
    picture: {
      add: "Add a picture",
      uploading: "Uploading the picture…",
      hint: "PNG, JPEG, GIF or WebP, at most 5 MB.",
      failed: "The picture was not added: {{message}}",
    },
    leaderboardCategories: {
      label: "Category",
      all: "All categories",
    },
  },
};
