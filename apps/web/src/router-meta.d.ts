// Route meta the app reads: a full-screen route (meeting mode) hides the app's header.
import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    fullscreen?: boolean;
  }
}
