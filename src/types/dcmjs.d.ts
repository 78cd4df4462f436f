// dcmjs ships no type declarations; its API is used through narrow local wrappers.
declare module 'dcmjs';
